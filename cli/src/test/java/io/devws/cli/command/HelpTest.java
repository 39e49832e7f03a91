package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Help that reads whole: each command's summary is a whole sentence, each command has examples, exit codes are written down. */
class HelpTest {
    @TempDir
    Path home;

    @Test
    void everyCommandHasAWholeSummaryAndExamples() {
        CommandLine root = DevwsCommand.commandLine();
        int checked = 0;
        for (var entry : root.getSubcommands().entrySet()) {
            CommandLine.Model.CommandSpec spec = entry.getValue().getCommandSpec();
            if (entry.getKey().equals("help") || spec.usageMessage().hidden() || !entry.getKey().equals(spec.name())) {
                continue;
            }
            String summary = spec.usageMessage().description()[0];
            assertThat(summary).as(entry.getKey() + "'s summary").matches("[A-Z].*\\.");
            String usage = entry.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(usage.substring(usage.indexOf("Examples:"))).as(entry.getKey()).contains("devws " + entry.getKey());
            checked++;
        }
        assertThat(checked).isEqualTo(15);
    }

    @Test
    void theRootHelpListsExitCodesAndGlobalFlags() {
        CliRun help = CliRun.run(home, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:", "  1    a user error", "  2    a wrong command line", "  255  the tunnel",
                "--kubeconfig=FILE", "-n, --namespace=NAMESPACE", "-v, --verbose");
        // every summary in the command list ends a sentence (picocli shows the first description line)
        String commands = help.out().substring(help.out().indexOf("Commands:"), help.out().indexOf("Exit codes:"));
        assertThat(commands).contains("status", "logs", "version", "completion").doesNotContain("__complete");
    }

    @Test
    void theSubcommandHelpHasTheGlobalFlagsToo() {
        CliRun help = CliRun.run(home, "list", "--help");
        assertThat(help.out()).contains("--kubeconfig=FILE", "--context=CONTEXT", "-n, --namespace=NAMESPACE", "-o, --output=FORMAT",
                "--no-headers", "-A, --all-namespaces", "-w, --watch");
    }
}
