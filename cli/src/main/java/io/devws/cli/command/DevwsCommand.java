package io.devws.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command; subcommands are registered here, one class each. */
@Command(name = "devws",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // `devws ssh --help` works like `kubectl exec --help`
        versionProvider = VersionProvider.class,
        description = "SSH into Kubernetes dev workspaces.",
        subcommands = {
            CommandLine.HelpCommand.class,
            UpCommand.class,
            StartStopCommands.Start.class,
            StartStopCommands.Stop.class,
            StartStopCommands.Delete.class,
            ListCommand.class,
            StatusCommand.class,
            ConfigSshCommand.class,
            DoctorCommand.class,
            SshCommand.class,
            AgentCommand.class,
            picocli.AutoComplete.GenerateCompletion.class,
        })
public final class DevwsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'devws --help'");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new DevwsCommand()).setExecutionExceptionHandler(new CliErrors());
    }
}
