package io.devws.cli.doctor;

import io.devws.cli.tunnel.Tunnel;
import java.util.Optional;

/** What the doctor needs from a backend (cluster or --local); the SSH-level steps are shared. */
public interface DoctorTarget {
    /** The ssh host name users connect to (for known_hosts), e.g. {@code ws.team.devws}. */
    String hostName();

    /** The ssh host name for the suffix config-ssh was run with, e.g. {@code ws.team.devws}. */
    String sshHost(io.devws.cli.sshconfig.HostSuffix suffix);

    /** A --local workspace: its ProxyCommand does not pin keys (config-ssh --local does). */
    default boolean local() {
        return false;
    }

    Check workspaceRunning();

    Check execAllowed();

    Tunnel openTunnel();

    /** How sessions reach the dev container (session host or per-session exec); empty where it does not apply. */
    default Optional<Check> sessionPath() {
        return Optional.empty();
    }

    /** The host public key the workspace's status publishes ({@code ssh-ed25519 AAAA...}). */
    Optional<String> statusHostKey();
}
