package io.devws.sidecar.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of one sidecar process, resolved from flags and DEVWS_* variables (flags win).
 *
 * @param socket           the daemon's Unix socket
 * @param hostKey          OpenSSH private key file; created (ed25519) when missing and writable
 * @param agentDir         where the stable {@code agent.sock} and per-connection agent sockets live
 * @param executor         {@code local}, {@code kube} or {@code host}
 * @param workdir          starting directory of sessions and SFTP, or {@code null} for home
 * @param keepalive        server keepalive interval; zero disables it
 * @param keepaliveMax     unanswered keepalives after which the connection is closed
 * @param agentForwarding  whether clients may forward their agent
 * @param forwarding       port and Unix-socket forwarding policy
 * @param reportActivity   whether the daemon reports activity (see server.ActivityProbe)
 * @param agentSocketMode  permissions of agent sockets, e.g. "rw-rw----"
 */
public record SidecarConfig(
        Path socket,
        Path hostKey,
        Path agentDir,
        String executor,
        Path workdir,
        Duration keepalive,
        int keepaliveMax,
        boolean agentForwarding,
        ForwardingConfig forwarding,
        boolean reportActivity,
        String agentSocketMode) {

    public static final String EXECUTOR_LOCAL = "local";
    public static final String EXECUTOR_KUBE = "kube";
    /** Sessions through the session host's socket (DEVWS_HOST_SOCKET, docs/session-host.md). */
    public static final String EXECUTOR_HOST = "host";

    /** Port forwarding switches; {@code gatewayPorts=false} binds {@code ssh -R} listeners to loopback. */
    public record ForwardingConfig(boolean tcp, boolean streamLocal, boolean gatewayPorts) {
        public static ForwardingConfig enabled() {
            return new ForwardingConfig(true, true, false);
        }
    }

    /** The stable socket for processes SSH did not start. */
    public Path agentSocket() {
        return agentDir.resolve("agent.sock");
    }

    /** Starting directory: {@code workdir} when it exists, else the home directory. */
    public Path startDirectory() {
        if (workdir != null && workdir.toFile().isDirectory()) {
            return workdir;
        }
        return Path.of(System.getProperty("user.home"));
    }
}
