package io.devws.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion",
        description = "Print a shell completion script (bash, zsh or fish) that completes commands, flags, workspace names,"
                + " namespaces and contexts. `kubectl devws <TAB>` works through kubectl_complete-devws (kubectl 1.26 or later).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(devws completion bash)                       # this bash session; add it to ~/.bashrc to keep it",
            "  source <(devws completion zsh)                        # zsh (after compinit)",
            "  devws completion fish > ~/.config/fish/completions/devws.fish",
            "  ln -s $(dirname $(command -v devws))/kubectl_complete-devws ~/bin/   # kubectl devws <TAB> (on PATH beside kubectl-devws)"})
public final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh, fish }

    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Override
    public Integer call() throws IOException {
        try (InputStream in = CompletionCommand.class.getResourceAsStream("/io/devws/cli/completion/devws." + shell)) {
            spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
