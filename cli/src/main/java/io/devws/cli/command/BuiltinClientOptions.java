package io.devws.cli.command;

import io.devws.cli.client.ClientOptions;
import io.devws.cli.client.PortSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the built-in client ({@code devws ssh NAME} without --stdio). */
public final class BuiltinClientOptions {
    @Option(names = "-A", description = "Forward the local ssh-agent (SSH_AUTH_SOCK); an error when it is not set, a warning and no "
            + "forwarding when no agent answers there (a stale socket). Without -A or -a the agent is forwarded when SSH_AUTH_SOCK is set, "
            + "as config-ssh's ForwardAgent yes does for OpenSSH.")
    boolean agent;

    @Option(names = "-a", description = "Do not forward the local ssh-agent.")
    boolean noAgent;

    @Option(names = "-t", description = "Allocate a PTY even for a command.")
    boolean tty;

    @Option(names = "-L", paramLabel = "SPEC", description = "Forward a local port or socket to the workspace: PORT, LOCAL:REMOTE, LOCAL:HOST:REMOTE.")
    List<String> localForwards = new ArrayList<>();

    @Option(names = "-R", paramLabel = "SPEC", description = "Forward a workspace port to this machine: PORT, REMOTE:LOCAL, REMOTE:HOST:LOCAL.")
    List<String> remoteForwards = new ArrayList<>();

    ClientOptions toOptions(List<String> command, Duration timeout) {
        boolean forward = agent || (!noAgent && System.getenv("SSH_AUTH_SOCK") != null && !System.getenv("SSH_AUTH_SOCK").isBlank());
        return new ClientOptions(command, tty, forward, localForwards.stream().map(PortSpec::parse).toList(),
                remoteForwards.stream().map(PortSpec::parse).toList(), timeout);
    }
}
