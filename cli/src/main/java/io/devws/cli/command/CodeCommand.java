package io.devws.cli.command;

import io.devws.cli.ide.IdeOpener;
import io.devws.cli.ide.IdeTarget;
import picocli.CommandLine.Command;

@Command(name = "code",
        description = {
            "Open VS Code (Remote - SSH) on a workspace: `code --remote ssh-remote+NAME.NAMESPACE.devws PATH`.",
            "First it checks the SSH side as VS Code's ssh will see it: `ssh -G HOST` shows devws's ProxyCommand (else:",
            "run devws config-ssh) and `ssh HOST true` connects (a stopped workspace starts). Where `code` is not on",
            "PATH it prints the vscode://vscode-remote/ssh-remote+HOST/PATH URI instead."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws code ws                           # the workspace's working directory",
            "  devws code ws.team src/app              # a folder under it, in namespace team",
            "  devws code --local demo"})
public final class CodeCommand extends IdeCommand {
    @Override
    int open(IdeOpener opener, IdeTarget target) {
        return opener.vscode(target, path, false);
    }
}
