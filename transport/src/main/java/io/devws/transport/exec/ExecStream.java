package io.devws.transport.exec;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * One open {@code pods/exec} stream, whatever protocol carries it ({@link ExecClient} negotiates).
 * {@link #exit()} completes with the process's {@link ExecExit}, or exceptionally with an
 * {@link java.io.IOException} when the stream broke or closed before the exit status came.
 */
public interface ExecStream extends AutoCloseable {
    ExecProtocol protocol();

    /**
     * The process's stdin. Closing it half-closes the exec's stdin (the process reads EOF) where
     * {@link ExecProtocol#halfClose()}; on WebSocket v4 it only stops writing.
     */
    OutputStream stdin();

    /** Stdout (with a TTY: the terminal's output); EOF after the process's output ended. */
    InputStream stdout();

    /** Stderr when it has its own channel and no sink was given; else null. */
    InputStream stderr();

    /** Sets the TTY's size (no-op without a TTY or for non-positive sizes). */
    void resize(int columns, int rows);

    CompletableFuture<ExecExit> exit();

    /** Ends the stream (the server then ends the process's streams); readers see EOF at once. */
    @Override
    void close();
}
