package io.devws.cli.client;

import java.time.Duration;
import java.util.List;

/**
 * What {@code devws ssh NAME [-A] [-t] [-L SPEC]... [-R SPEC]... [-- COMMAND...]} asks for.
 *
 * @param command    empty for an interactive shell; otherwise joined with spaces, as OpenSSH does
 * @param forceTty   {@code -t}: a PTY even for a command
 * @param agent      {@code -A}: forward the local {@code SSH_AUTH_SOCK}
 */
public record ClientOptions(List<String> command, boolean forceTty, boolean agent, List<PortSpec> localForwards,
                            List<PortSpec> remoteForwards, Duration timeout) {
    public ClientOptions {
        command = List.copyOf(command);
        localForwards = List.copyOf(localForwards);
        remoteForwards = List.copyOf(remoteForwards);
    }

    public boolean interactive() {
        return command.isEmpty();
    }

    /** As ssh: a PTY for an interactive shell on a terminal, or when forced with -t. */
    public boolean wantsPty(boolean terminal) {
        return forceTty || (interactive() && terminal);
    }
}
