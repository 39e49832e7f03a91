package io.devws.cli.command;

import io.devws.cli.workspace.KubeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command; subcommands are registered here, one class each. */
@Command(name = "devws",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // `devws ssh --help` works like `kubectl exec --help`
        versionProvider = VersionProvider.class,
        description = "SSH into Kubernetes dev workspaces.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    success",
            "  1    a user error: the one line on stderr says what to fix (--verbose adds the causes)",
            "  2    a wrong command line: unknown flag, missing argument, malformed value",
            "  255  the tunnel could not open or broke (as ssh); with ssh NAME, the remote command's own code otherwise",
            "",
            "Examples:",
            "  devws up ws --image debian:bookworm --user 0   # create a workspace (root: said so) and wait for SSH",
            "  devws config-ssh && ssh ws.devws        # then use OpenSSH, scp, git, VS Code",
            "  devws -n team list -o wide              # flags go before or after the subcommand",
            "  source <(devws completion bash)         # completion of commands, flags and workspace names"},
        subcommands = {
            CommandLine.HelpCommand.class,
            UpCommand.class,
            StartStopCommands.Start.class,
            StartStopCommands.Stop.class,
            StartStopCommands.Delete.class,
            ListCommand.class,
            StatusCommand.class,
            LogsCommand.class,
            ConfigSshCommand.class,
            DoctorCommand.class,
            CodeCommand.class,
            OpenCommand.class,
            SshCommand.class,
            VersionCommand.class,
            CompletionCommand.class,
            AgentCommand.class,
        })
public final class DevwsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The global flags given before the subcommand ({@link KubeOptions#resolved()}). */
    @Mixin
    KubeOptions kube;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'devws --help'");
    }

    public static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(new DevwsCommand()));
    }
}
