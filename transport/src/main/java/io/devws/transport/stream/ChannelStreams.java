package io.devws.transport.stream;

import io.devws.transport.io.Streams;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a blocking {@link SocketChannel} that read and write concurrently. (On Java 17
 * {@code Channels.newInputStream/newOutputStream} share the channel's blocking lock, so a pending
 * read would stall every write.) Closing either stream closes the channel.
 */
public final class ChannelStreams {
    private ChannelStreams() {
    }

    public static InputStream in(SocketChannel ch) {
        return Streams.input((b, off, len) -> ch.read(ByteBuffer.wrap(b, off, len)), ch);
    }

    /**
     * Writes with the caller's interrupt status cleared, and restored after: MINA writes packets on whatever thread
     * sends them (a session's pump releasing window, say), and a blocking channel closes itself when a writer is
     * interrupted, which would end the whole connection for one thread's interrupt.
     */
    public static OutputStream out(SocketChannel ch) {
        return Streams.output((b, off, len) -> {
            boolean interrupted = Thread.interrupted();
            try {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }, ch);
    }
}
