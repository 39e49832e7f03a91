package io.devws.cli.command;

import io.devws.cli.ide.IdeOpener;
import io.devws.cli.ide.IdeTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "open",
        description = {
            "Open an IDE on a workspace, after checking the SSH side as the IDE's ssh will see it (as devws code does).",
            "--ide vscode: as devws code. --ide jetbrains: prints the JetBrains Gateway link",
            "(jetbrains-gateway://connect#type=ssh&...), and with --browser also opens it (xdg-open or open)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws open ws --ide jetbrains --browser # Gateway on the working directory",
            "  devws open ws --ide jetbrains --ide-path /opt/idea src/app",
            "  devws open ws                           # VS Code, as devws code ws"})
public final class OpenCommand extends IdeCommand {
    enum Ide { vscode, jetbrains }

    @Option(names = "--ide", defaultValue = "vscode", paramLabel = "IDE", description = "vscode or jetbrains (default: ${DEFAULT-VALUE}).")
    Ide ide;

    @Option(names = "--browser", description = "Also open the link with the desktop's URL handler (xdg-open; open on macOS).")
    boolean browser;

    @Option(names = "--ide-path", paramLabel = "DIR", description = {"jetbrains: an IDE backend already installed in the workspace",
        "(deploy=false&idePath=DIR); without it Gateway offers to install one (deploy=true)."})
    String idePath;

    @Override
    int open(IdeOpener opener, IdeTarget target) {
        if (idePath != null && ide != Ide.jetbrains) {
            throw new io.devws.cli.error.DevwsException("--ide-path is for --ide jetbrains", io.devws.cli.error.ExitCode.USAGE);
        }
        return ide == Ide.jetbrains ? opener.jetbrains(target, path, idePath, browser) : opener.vscode(target, path, browser);
    }
}
