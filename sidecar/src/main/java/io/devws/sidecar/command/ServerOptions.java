package io.devws.sidecar.command;

import io.devws.model.SidecarContract;
import io.devws.model.Durations;
import io.devws.sidecar.config.SidecarConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code ssh-server}; each defaults to its DEVWS_* variable. */
public final class ServerOptions {
    @Option(names = "--socket", paramLabel = "PATH", description = "Daemon's Unix socket (env ${ENV:-DEVWS_SOCKET}; default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:" + SidecarContract.ENV_SOCKET + ":-" + SidecarContract.SOCKET_PATH + "}")
    Path socket;

    @Option(names = "--host-key", paramLabel = "FILE", description = "OpenSSH private host key; ed25519 created when missing (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:" + SidecarContract.ENV_HOST_KEY + ":-" + SidecarContract.HOST_KEY_PATH + "}")
    Path hostKey;

    @Option(names = "--agent-dir", paramLabel = "DIR", description = "Directory of agent.sock and per-connection agent sockets (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:" + SidecarContract.ENV_AGENT_DIR + ":-" + SidecarContract.AGENT_DIR + "}")
    Path agentDir;

    @Option(names = "--executor", paramLabel = "local|kube|host", description = "Where sessions run (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:" + SidecarContract.ENV_EXECUTOR + ":-local}")
    String executor;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Starting directory of sessions and SFTP (default: home).",
            defaultValue = "${env:" + SidecarContract.ENV_WORKDIR + "}")
    Path workdir;

    @Option(names = "--keepalive", paramLabel = "DURATION", description = "Server keepalive interval (90s, 1m30s, 2h), 0s to disable (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:" + SidecarContract.ENV_KEEPALIVE + ":-30s}")
    String keepalive;

    @Option(names = "--keepalive-max", paramLabel = "N", description = "Unanswered keepalives before a connection is closed (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int keepaliveMax;

    @Option(names = "--agent-forwarding", negatable = true, fallbackValue = "true",
            description = "Allow agent forwarding (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:" + SidecarContract.ENV_AGENT_FORWARDING + ":-true}")
    boolean agentForwarding;

    @Option(names = "--tcp-forwarding", negatable = true, fallbackValue = "true",
            description = "Allow -L/-R/-D and Unix-socket forwarding (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:" + SidecarContract.ENV_TCP_FORWARDING + ":-true}")
    boolean tcpForwarding;

    @Option(names = "--gateway-ports", description = "Let ssh -R listeners bind to non-loopback addresses.")
    boolean gatewayPorts;

    @Option(names = "--agent-socket-mode", paramLabel = "MODE", description = "Permissions of agent sockets (default: ${DEFAULT-VALUE}).",
            defaultValue = "rw-rw----")
    String agentSocketMode;

    @Option(names = "--report-activity", negatable = true, fallbackValue = "true",
            description = "Report SSH activity (for idle stop) through the activity reporters on the class path.",
            defaultValue = "${env:" + SidecarContract.ENV_REPORT_ACTIVITY + ":-false}")
    boolean reportActivity;

    SidecarConfig toConfig() {
        return new SidecarConfig(socket, hostKey, agentDir, executor.trim(), workdir,
                Durations.parse(keepalive), keepaliveMax, agentForwarding,
                new SidecarConfig.ForwardingConfig(tcpForwarding, tcpForwarding, gatewayPorts),
                reportActivity, agentSocketMode);
    }
}
