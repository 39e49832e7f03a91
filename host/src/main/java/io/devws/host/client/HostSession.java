package io.devws.host.client;

import io.devws.host.io.BulkOutputStream;
import io.devws.host.protocol.ExitInfo;
import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Frames.Frame;
import io.devws.host.protocol.Payloads;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * A running session on the host, seen from the daemon. One reader thread splits the host's frames
 * into stdout and stderr (bounded, so a slow SSH client slows the process down, nothing piles up);
 * stdin is sent only within the window the host grants, so a process that does not read its input
 * never blocks resize or signal frames behind it.
 */
public final class HostSession implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final int pid;
    private final ChunkInputStream stdout = new ChunkInputStream();
    private final ChunkInputStream stderr = new ChunkInputStream();
    private final CompletableFuture<ExitInfo> exit = new CompletableFuture<>();
    private final StdinWindow window = new StdinWindow();
    private volatile boolean closed;

    HostSession(Socket socket, DataInputStream in, DataOutputStream out, int pid) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.pid = pid;
        Thread t = new Thread(this::readLoop, "devws-host-client");
        t.setDaemon(true);
        t.start();
    }

    /** The session leader's pid in the dev container. */
    public int pid() {
        return pid;
    }

    public InputStream stdout() {
        return stdout;
    }

    public InputStream stderr() {
        return stderr;
    }

    public OutputStream stdin() {
        return new BulkOutputStream() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = window.take(Math.min(len, Frames.CHUNK));
                    Frames.write(out, Frames.STDIN, b, off, n);
                    off += n;
                    len -= n;
                }
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    Frames.write(out, Frames.STDIN_EOF, new byte[0]);
                }
            }
        };
    }

    public void resize(int columns, int rows) throws IOException {
        Frames.write(out, Frames.RESIZE, Payloads.resize(columns, rows));
    }

    public void signal(String name) throws IOException {
        Frames.write(out, Frames.SIGNAL, Payloads.utf(name));
    }

    /** Completes after the last output byte was queued; exceptionally when the host connection broke. */
    public CompletableFuture<ExitInfo> exit() {
        return exit;
    }

    private void readLoop() {
        try {
            Frame f;
            while ((f = Frames.read(in)) != null) {
                switch (f.type()) {
                    case Frames.STDOUT -> stdout.add(f.payload());
                    case Frames.STDERR -> stderr.add(f.payload());
                    case Frames.WINDOW -> window.grant(Payloads.u32(f.payload()));
                    case Frames.EXIT -> {
                        stdout.end();
                        stderr.end();
                        exit.complete(ExitInfo.decode(f.payload()));
                        return;
                    }
                    default -> throw new IOException("unexpected frame type " + f.type());
                }
            }
            throw new IOException("the session host closed the connection");
        } catch (IOException | RuntimeException e) {
            stdout.end();
            stderr.end();
            exit.completeExceptionally(e);
        } catch (InterruptedException e) {
            exit.completeExceptionally(e);
        } finally {
            window.end();
        }
    }

    /** Ends the session: the host hangs up its process group. Safe to call more than once. */
    @Override
    public void close() {
        closed = true;
        window.end();
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone
        }
        stdout.end();
        stderr.end();
    }
}
