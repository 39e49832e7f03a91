package io.devws.sidecar.unix;

import java.io.Closeable;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Small helpers for the JDK's Unix-domain socket channels, the sidecar's one Unix-socket API. */
public final class UnixSockets {
    private UnixSockets() {
    }

    public static SocketChannel connect(Path path) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    /** Writes all of {@code len} bytes (a blocking channel may take them in several calls). */
    public static void writeFully(SocketChannel ch, byte[] data, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data, off, len);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    public static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
