package io.devws.sidecar.unix;

import io.devws.transport.stream.ChannelStreams;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;

/** One connected Unix socket, wherever it lives: the sidecar's own, or one the session host relays. */
public interface SocketEnd extends Closeable {
    /** The socket's bytes, to EOF. */
    InputStream input();

    /** Writes all of it to the socket. */
    void write(byte[] data, int off, int len) throws IOException;

    /** No more bytes to the socket: its reader sees EOF. */
    void shutdownOutput() throws IOException;

    /** A socket of the sidecar's own. */
    static SocketEnd of(SocketChannel channel) {
        InputStream in = ChannelStreams.in(channel);
        return new SocketEnd() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public void write(byte[] data, int off, int len) throws IOException {
                UnixSockets.writeFully(channel, data, off, len);
            }

            @Override
            public void shutdownOutput() throws IOException {
                channel.shutdownOutput();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
