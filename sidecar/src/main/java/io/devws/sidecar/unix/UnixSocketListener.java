package io.devws.sidecar.unix;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a Unix socket file and hands each accepted connection to a handler. Shared by the
 * agent sockets and {@code ssh -R /path} forwarding; JDK Unix-domain sockets, as everywhere in devws.
 */
public final class UnixSocketListener implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketListener.class);

    private final Path path;
    private final ServerSocketChannel server;
    private volatile boolean closed;

    private UnixSocketListener(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    /**
     * Binds {@code path} (replacing a stale socket file), sets {@code mode} (e.g. "rw-rw----"),
     * and accepts on a daemon thread.
     */
    public static UnixSocketListener start(Path path, String mode, Consumer<SocketChannel> handler) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        UnixSocketListener listener = new UnixSocketListener(path, server);
        Thread t = new Thread(() -> listener.acceptLoop(handler), "devws-accept-" + path.getFileName());
        t.setDaemon(true);
        t.start();
        return listener;
    }

    private void acceptLoop(Consumer<SocketChannel> handler) {
        while (!closed) {
            try {
                handler.accept(server.accept());
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept on {} failed: {}", path, e.toString());
                }
            } catch (RuntimeException e) {
                LOG.warn("connection on {} failed: {}", path, e.toString());
            }
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        closed = true;
        UnixSockets.closeQuietly(server);
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stale file is replaced on the next bind
        }
    }
}
