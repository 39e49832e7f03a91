package io.devws.cli.startup;

import io.devws.cli.command.CliErrors;
import io.devws.cli.command.SshCommand;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;

/**
 * {@code devws ssh ... --stdio ...} is what ssh runs per connection (ProxyCommand): build only that
 * subcommand's picocli model, not all of them (about half of picocli's start-up work).
 */
public final class ProxyFastPath {
    private ProxyFastPath() {
    }

    /** The command line and its arguments for a ProxyCommand invocation, or empty for everything else. */
    public static Optional<Invocation> of(String[] args) {
        if (args.length < 2 || !"ssh".equals(args[0]) || !Arrays.asList(args).contains("--stdio")) {
            return Optional.empty();
        }
        CommandLine cmd = CliErrors.install(new CommandLine(new SshCommand()));
        return Optional.of(new Invocation(cmd, Arrays.copyOfRange(args, 1, args.length)));
    }

    public record Invocation(CommandLine commandLine, String[] args) {
    }
}
