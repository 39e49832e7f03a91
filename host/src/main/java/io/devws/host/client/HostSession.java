package io.devws.host.client;

import io.devws.host.protocol.ExitInfo;
import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Frames.Frame;
import io.devws.host.protocol.Payloads;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * A running session on the host, seen from the daemon: its streams (the child's own pipes, or frames relayed by the
 * host: {@link SessionStreams}), resize and signal requests, and the exit, read by one thread from the host
 * connection.
 */
public final class HostSession implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final int pid;
    private final SessionStreams streams;
    private final OutputStream stdin;
    private final CompletableFuture<ExitInfo> exit = new CompletableFuture<>();

    HostSession(Socket socket, DataInputStream in, DataOutputStream out, int pid, SessionStreams streams) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.pid = pid;
        this.streams = streams;
        this.stdin = streams.stdin();
        Thread t = new Thread(this::readLoop, "devws-host-client");
        t.setDaemon(true);
        t.start();
    }

    /** The session leader's pid in the dev container. */
    public int pid() {
        return pid;
    }

    /** Whether the session's bytes flow through the child's own pipes rather than through the host. */
    public boolean piped() {
        return streams instanceof PipeStreams;
    }

    public InputStream stdout() {
        return streams.stdout();
    }

    public InputStream stderr() {
        return streams.stderr();
    }

    /** The child's input; closing it is the child's EOF. */
    public OutputStream stdin() {
        return stdin;
    }

    public void resize(int columns, int rows) throws IOException {
        Frames.write(out, Frames.RESIZE, Payloads.resize(columns, rows));
    }

    public void signal(String name) throws IOException {
        Frames.write(out, Frames.SIGNAL, Payloads.utf(name));
    }

    /** Completes after the output ended (or was waited for long enough); exceptionally when the host connection broke. */
    public CompletableFuture<ExitInfo> exit() {
        return exit;
    }

    private void readLoop() {
        try {
            Frame f;
            while ((f = Frames.read(in)) != null) {
                if (f.type() == Frames.EXIT) {
                    ExitInfo info = ExitInfo.decode(f.payload());
                    streams.exited();
                    exit.complete(info);
                    return;
                }
                streams.onFrame(f);
            }
            throw new IOException("the session host closed the connection");
        } catch (IOException | RuntimeException | InterruptedException e) {
            streams.close();
            exit.completeExceptionally(e);
        }
    }

    /** Ends the session: the host hangs up its process group. Safe to call more than once. */
    @Override
    public void close() {
        streams.close();
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone
        }
    }
}
