package io.devws.sidecar.agent;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listens on a Unix socket file (junixsocket) and hands each accepted connection to a handler. */
public final class UnixSocketListener implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketListener.class);

    private final Path path;
    private final AFUNIXServerSocket server;
    private volatile boolean closed;

    private UnixSocketListener(Path path, AFUNIXServerSocket server) {
        this.path = path;
        this.server = server;
    }

    /**
     * Binds {@code path} (replacing a stale socket file), sets {@code mode} (e.g. "rw-rw----"),
     * and accepts on a daemon thread.
     */
    public static UnixSocketListener start(Path path, String mode, Consumer<Socket> handler) throws IOException {
        Files.deleteIfExists(path);
        AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
        server.bind(AFUNIXSocketAddress.of(path.toFile()));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        UnixSocketListener listener = new UnixSocketListener(path, server);
        Thread t = new Thread(() -> listener.acceptLoop(handler), "devws-accept-" + path.getFileName());
        t.setDaemon(true);
        t.start();
        return listener;
    }

    private void acceptLoop(Consumer<Socket> handler) {
        while (!closed) {
            try {
                Socket s = server.accept();
                handler.accept(s);
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
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stale file is replaced on the next bind
        }
    }
}
