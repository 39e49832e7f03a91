package io.devws.cli.ide;

import io.devws.cli.sshconfig.SshPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code devws code} and {@code devws open}: first the SSH side, as the IDE's ssh will see it ({@link SshReach}: the
 * config-ssh Include effective, devws's ProxyCommand, then one real connection), then VS Code or the Gateway link.
 */
public final class IdeOpener {
    /** Long enough for a stopped workspace to start on connect (the ProxyCommand waits up to 60 s). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(90);
    private final SshPaths paths;
    private final IdeLauncher launcher;
    private final PrintWriter out;
    private final PrintWriter err;

    public IdeOpener(SshPaths paths, IdeLauncher launcher, PrintWriter out, PrintWriter err) {
        this.paths = paths;
        this.launcher = launcher;
        this.out = out;
        this.err = err;
    }

    private SshReach sshSide(IdeTarget target) {
        SshReach reach = SshReach.check(paths, target.host(), target.local());
        reach.connect(paths.userConfig(), CONNECT_TIMEOUT, target.doctorCommand());
        return reach;
    }

    /** {@code code --remote ssh-remote+HOST FOLDER}; without {@code code}, the vscode:// URI (opened with {@code browser}). */
    public int vscode(IdeTarget target, String path, boolean browser) {
        sshSide(target);
        String folder = target.folder(path);
        Optional<Path> code = launcher.find("code");
        if (code.isPresent()) {
            List<String> args = IdeLinks.codeArguments(target.host(), folder);
            launcher.run(code.get(), args);
            out.println("opened VS Code: code " + String.join(" ", args));
            return 0;
        }
        String uri = IdeLinks.vscodeUri(target.host(), folder);
        out.println(uri);
        out.flush();
        if (browser && openWithDesktop(uri)) {
            return 0;
        }
        err.println("devws: `code` is not on PATH: open the URI above in VS Code (with the Remote - SSH extension),"
                + " or put VS Code's `code` command on PATH");
        err.flush();
        return 0;
    }

    /** Prints the Gateway link; with {@code browser}, hands it to the desktop's URL opener too. */
    public int jetbrains(IdeTarget target, String path, String idePath, boolean browser) {
        SshReach reach = sshSide(target);
        String link = IdeLinks.gatewayLink(target.host(), reach.port(), reach.user(), target.folder(path), idePath);
        out.println(link);
        out.flush();
        if (browser && !openWithDesktop(link)) {
            err.println("devws: no xdg-open (open on macOS) on PATH: open the link above with JetBrains Gateway");
            err.flush();
        }
        return 0;
    }

    private boolean openWithDesktop(String link) {
        Optional<Path> opener = launcher.urlOpener();
        opener.ifPresent(o -> launcher.run(o, List.of(link)));
        return opener.isPresent();
    }
}
