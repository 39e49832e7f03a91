package io.devws.host.client;

import io.devws.host.io.BulkInputStream;
import io.devws.host.io.BulkOutputStream;
import io.devws.host.protocol.Frames.Frame;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The child's own pipes, handed over by the host with STARTED (docs/session-host.md#piped-sessions): the daemon
 * writes the child's stdin and reads its stdout and stderr directly, with no process relaying the bytes. Closing
 * stdin is the child's EOF. The host reports the exit as soon as the session leader ends, so {@link #exited} waits
 * for the pipes' EOF, as the host waits for its own pumps on the framed path, and no longer than that: a process
 * that keeps the output open (started in the background) does not hold the exit status back.
 */
final class PipeStreams implements SessionStreams {
    /** How long the exit waits for the output to end; the host's framed sessions wait as long. */
    static final long DRAIN_MILLIS = 2000;

    private final FileOutputStream stdin;
    private final FileInputStream stdoutPipe;
    private final FileInputStream stderrPipe;
    private final CountDownLatch outputOpen = new CountDownLatch(2);
    private final InputStream stdout;
    private final InputStream stderr;

    PipeStreams(FileDescriptor stdin, FileDescriptor stdout, FileDescriptor stderr) {
        this.stdin = new FileOutputStream(stdin);
        this.stdoutPipe = new FileInputStream(stdout);
        this.stderrPipe = new FileInputStream(stderr);
        this.stdout = ending(stdoutPipe);
        this.stderr = ending(stderrPipe);
    }

    /**
     * Input for a process that stops reading is dropped, as the host drops it on the framed path: an early exit
     * ({@code head -c 10 < big}) must not fail the writer, which still owes the client its exit status.
     */
    @Override
    public OutputStream stdin() {
        return new BulkOutputStream() {
            private boolean open = true;

            @Override
            public void write(byte[] b, int off, int len) {
                if (!open) {
                    return;
                }
                try {
                    stdin.write(b, off, len);
                } catch (IOException e) {
                    open = false; // EPIPE: nobody reads the pipe any more
                }
            }

            @Override
            public void close() throws IOException {
                stdin.close();
            }
        };
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public void onFrame(Frame f) throws IOException {
        throw new IOException("unexpected frame type " + f.type() + " in a piped session");
    }

    @Override
    public void exited() throws InterruptedException {
        outputOpen.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closeQuietly(stdin);
        closeQuietly(stdoutPipe);
        closeQuietly(stderrPipe);
    }

    /** The pipe as read by its pump; its end (EOF or error) counts down {@link #outputOpen} once. */
    private InputStream ending(FileInputStream pipe) {
        return new BulkInputStream() {
            private boolean ended;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    int n = pipe.read(b, off, len);
                    if (n < 0) {
                        end();
                    }
                    return n;
                } catch (IOException e) {
                    end();
                    throw e;
                }
            }

            @Override
            public void close() throws IOException {
                pipe.close();
            }

            private synchronized void end() {
                if (!ended) {
                    ended = true;
                    outputOpen.countDown();
                }
            }
        };
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
