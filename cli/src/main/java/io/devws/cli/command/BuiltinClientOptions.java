package io.devws.cli.command;

import io.devws.cli.client.ClientOptions;
import io.devws.cli.client.PortSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the built-in client ({@code devws ssh NAME} without --stdio). */
public final class BuiltinClientOptions {
    @Option(names = "-A", description = "Forward the local ssh-agent (SSH_AUTH_SOCK) into the workspace.")
    boolean agent;

    @Option(names = "-t", description = "Allocate a PTY even for a command.")
    boolean tty;

    @Option(names = "-L", paramLabel = "SPEC", description = "Forward a local port or socket to the workspace: PORT, LOCAL:REMOTE, LOCAL:HOST:REMOTE.")
    List<String> localForwards = new ArrayList<>();

    @Option(names = "-R", paramLabel = "SPEC", description = "Forward a workspace port to this machine: PORT, REMOTE:LOCAL, REMOTE:HOST:LOCAL.")
    List<String> remoteForwards = new ArrayList<>();

    ClientOptions toOptions(List<String> command, Duration timeout) {
        return new ClientOptions(command, tty, agent, localForwards.stream().map(PortSpec::parse).toList(),
                remoteForwards.stream().map(PortSpec::parse).toList(), timeout);
    }
}
