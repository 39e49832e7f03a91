package io.devws.host.client;

import io.devws.host.io.BulkOutputStream;
import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Frames.Frame;
import io.devws.host.protocol.Payloads;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Streams relayed by the host in frames (PTY sessions, forwarded sockets). Output is bounded, so a slow SSH client
 * slows the process down and nothing piles up; stdin is sent only within the window the host grants, so a process
 * that does not read its input never blocks resize or signal frames behind it. The host sends EXIT only after the
 * last output frame, so the exit ends the output at once.
 */
final class FramedStreams implements SessionStreams {
    private final DataOutputStream out;
    private final ChunkInputStream stdout = new ChunkInputStream();
    private final ChunkInputStream stderr = new ChunkInputStream();
    private final StdinWindow window = new StdinWindow();
    private volatile boolean closed;

    FramedStreams(DataOutputStream out) {
        this.out = out;
    }

    @Override
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
        try {
            switch (f.type()) {
                case Frames.STDOUT -> stdout.add(f.payload());
                case Frames.STDERR -> stderr.add(f.payload());
                case Frames.WINDOW -> window.grant(Payloads.u32(f.payload()));
                default -> throw new IOException("unexpected frame type " + f.type());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queueing output");
        }
    }

    @Override
    public void exited() {
        window.end();
        stdout.end();
        stderr.end();
    }

    @Override
    public void close() {
        closed = true;
        window.end();
        stdout.end();
        stderr.end();
    }
}
