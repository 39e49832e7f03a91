package io.devws.sidecar.unix;

import java.io.Closeable;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** As OpenSSH for {@code ssh -R /path}: a socket in the way is replaced, any other file is left alone. */
    public static void refuseNonSocket(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000) != 0140000) {
            throw new IOException(path + ": a file that is not a socket is in the way");
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
