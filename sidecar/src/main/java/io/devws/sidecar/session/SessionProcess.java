package io.devws.sidecar.session;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** A running session process, wherever it runs. */
public interface SessionProcess {
    OutputStream stdin();

    InputStream stdout();

    /** Separate error stream; empty (immediate EOF) when the process has a PTY. */
    InputStream stderr();

    /** Follows {@code window-change}; no-op without a PTY. */
    void resize(int columns, int rows);

    /**
     * Delivers a signal named as SSH names them ("INT", "TERM", "KILL", "HUP", ...).
     *
     * @return false when this executor cannot deliver that signal
     */
    boolean signal(String name);

    /** Completes once the process ended and its output streams were drained. */
    CompletableFuture<ExitStatus> onExit();

    /** Ends the process (and its exec stream) at once; safe to call more than once. */
    void destroy();

    /** How a process ended: an exit code, or the SSH name of the signal that killed it. */
    record ExitStatus(int code, String signal) {
        public static ExitStatus exited(int code) {
            return new ExitStatus(code, null);
        }

        public static ExitStatus killedBy(String signal) {
            return new ExitStatus(128, signal);
        }
    }
}
