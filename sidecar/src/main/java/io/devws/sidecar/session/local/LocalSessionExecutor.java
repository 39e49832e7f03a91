package io.devws.sidecar.session.local;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SessionProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs sessions as local processes in the sidecar's own environment: with a PTY through pty4j,
 * without one through {@link ProcessBuilder} (stdout and stderr kept apart).
 */
public final class LocalSessionExecutor implements SessionExecutor {
    /** Exports the PTY's name as SSH_TTY, then runs the rest of the arguments. */
    private static final String SET_SSH_TTY = "SSH_TTY=$(tty 2>/dev/null); export SSH_TTY; exec \"$@\"";

    private final LoginShell shell;
    private final Path defaultDir;

    public LocalSessionExecutor(LoginShell shell, Path defaultDir) {
        this.shell = shell;
        this.defaultDir = defaultDir;
        PtyNatives.ensureLoadable();
    }

    public static LocalSessionExecutor forCurrentUser(Path defaultDir) {
        return new LocalSessionExecutor(LoginShell.ofCurrentUser(), defaultDir);
    }

    @Override
    public SessionProcess start(ProcessSpec spec) throws IOException {
        Map<String, String> env = environment(spec);
        String dir = directory(spec).toString();
        if (spec.pty() != null) {
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SET_SSH_TTY, "sh"));
            cmd.addAll(shell.command(spec.command()));
            PtyProcess p = new PtyProcessBuilder(cmd.toArray(String[]::new))
                    .setEnvironment(env)
                    .setDirectory(dir)
                    .setConsole(false)
                    .setInitialColumns(spec.pty().columns())
                    .setInitialRows(spec.pty().rows())
                    .start();
            return new LocalPtyProcess(p);
        }
        ProcessBuilder pb = new ProcessBuilder(shell.command(spec.command())).directory(new java.io.File(dir));
        pb.environment().clear();
        pb.environment().putAll(env);
        return new LocalPipeProcess(pb.start());
    }

    private Map<String, String> environment(ProcessSpec spec) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("DEVWS_") || k.equals("SSH_AUTH_SOCK") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("SHELL", shell.path());
        env.putIfAbsent("HOME", System.getProperty("user.home"));
        env.putIfAbsent("USER", System.getProperty("user.name"));
        env.putIfAbsent("LOGNAME", System.getProperty("user.name"));
        env.putAll(spec.env());
        return env;
    }

    private Path directory(ProcessSpec spec) {
        if (spec.workdir() != null && Files.isDirectory(Path.of(spec.workdir()))) {
            return Path.of(spec.workdir());
        }
        if (defaultDir != null && Files.isDirectory(defaultDir)) {
            return defaultDir;
        }
        return Path.of(System.getProperty("user.home"));
    }
}
