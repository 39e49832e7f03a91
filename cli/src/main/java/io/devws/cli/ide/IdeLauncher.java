package io.devws.cli.ide;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starts the local programs an IDE link needs: VS Code's {@code code}, or the desktop's URL opener. */
public final class IdeLauncher {
    private static final long TIMEOUT_SECONDS = 60;
    private final String path;

    /** @param path the PATH to look programs up in */
    public IdeLauncher(String path) {
        this.path = path;
    }

    public Optional<Path> find(String program) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The desktop's URL opener: open on macOS, xdg-open elsewhere; empty when it is not there (a server, CI). Not
     * {@code open} on Linux, where it is often openvt.
     */
    public Optional<Path> urlOpener() {
        return find(System.getProperty("os.name", "").startsWith("Mac") ? "open" : "xdg-open");
    }

    /**
     * Runs {@code program args...} with this terminal (code prints its own errors) and waits for it: {@code code} and
     * {@code xdg-open} hand over to the desktop and return.
     *
     * @throws DevwsException (exit 1) when it fails, naming it
     */
    public void run(Path program, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroy();
                throw new DevwsException(program + " did not return within " + TIMEOUT_SECONDS + " s", ExitCode.USER_ERROR);
            }
            if (p.exitValue() != 0) {
                throw new DevwsException(program.getFileName() + " failed (exit " + p.exitValue() + "): " + String.join(" ", command),
                        ExitCode.USER_ERROR);
            }
        } catch (IOException e) {
            throw new DevwsException("cannot run " + program + ": " + e.getMessage(), ExitCode.USER_ERROR, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevwsException("interrupted while running " + program, ExitCode.USER_ERROR, e);
        }
    }
}
