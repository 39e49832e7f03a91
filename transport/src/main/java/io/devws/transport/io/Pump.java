package io.devws.transport.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The one copy loop of devws: every byte pump (stdio to tunnel, socket to SSH channel, session
 * streams, the stdio bridge) runs through here. Each chunk is flushed at once, because the bytes
 * are interactive SSH traffic. A failure on the writing side is thrown as {@link SinkException},
 * so callers can tell "the source broke" (worth reporting) from "the target went away" (usually
 * just the peer hanging up). Plain JDK only: the bridge's minimal class path loads it.
 */
public final class Pump {
    /** Large enough for bulk transfers, small enough to hold one per stream. */
    public static final int BUFFER = 64 * 1024;

    private Pump() {
    }

    /** Receives each chunk read; {@code buf} is reused after the call returns. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] buf, int off, int len) throws IOException;
    }

    /** The target of a copy failed (as opposed to its source). */
    public static final class SinkException extends IOException {
        private static final long serialVersionUID = 1L;

        SinkException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Copies until EOF, flushing each chunk; does not close either side. */
    public static long copy(InputStream in, OutputStream out) throws IOException {
        return drain(in, (b, off, len) -> {
            out.write(b, off, len);
            out.flush();
        });
    }

    /** Reads until EOF and hands each non-empty chunk to {@code sink}. */
    public static long drain(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            try {
                sink.accept(buf, 0, n);
            } catch (SinkException e) {
                throw e;
            } catch (IOException e) {
                throw new SinkException(e);
            }
            total += n;
        }
        return total;
    }

    /** Copies between channels through a direct buffer (no copy through the heap); does not close either side. */
    public static long copy(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            buf.flip();
            try {
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            } catch (IOException e) {
                throw new SinkException(e);
            }
            buf.clear();
            total += n;
        }
        return total;
    }

    /** Runs {@code body} on a new daemon thread (pumps must never keep a JVM alive). */
    public static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
