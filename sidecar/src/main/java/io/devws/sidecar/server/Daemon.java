package io.devws.sidecar.server;

import io.devws.sidecar.bridge.Bridge;
import io.devws.transport.stream.ChannelStreams;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.transport.stream.StreamPair;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}: the resident daemon. Accepts SSH connections on a Unix socket (socket 0600,
 * directory 0700) and hands each to the {@link SidecarServer}.
 */
public final class Daemon implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final Path socketPath;
    private final ServerSocketChannel listener;
    private final SidecarServer server;
    private final List<AutoCloseable> reporters;
    private volatile boolean closed;

    private Daemon(Path socketPath, ServerSocketChannel listener, SidecarServer server, List<AutoCloseable> reporters) {
        this.socketPath = socketPath;
        this.listener = listener;
        this.server = server;
        this.reporters = reporters;
    }

    /** What the daemon serves with; created only once the socket is ours. */
    public interface ServerFactory {
        SidecarServer create() throws IOException;
    }

    public static Daemon start(SidecarConfig config, ServerFactory factory) throws IOException {
        Path socket = config.socket().toAbsolutePath();
        ServerSocketChannel listener = bind(socket);
        SidecarServer server;
        try {
            server = factory.create();
        } catch (IOException | RuntimeException e) {
            listener.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        List<AutoCloseable> reporters = config.reportActivity() ? startReporters(server.activity(), config) : List.of();
        Daemon daemon = new Daemon(socket, listener, server, reporters);
        Thread t = new Thread(daemon::acceptLoop, "devws-daemon-accept");
        t.start();
        LOG.info("serving SSH on {}", socket);
        return daemon;
    }

    private static ServerSocketChannel bind(Path socket) throws IOException {
        SocketChannel existing = Bridge.connect(socket);
        if (existing != null) {
            existing.close();
            throw new IOException("another devws-sidecar daemon already serves " + socket
                    + ": stop it first, or pass a different --socket");
        }
        Path dir = socket.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(socket); // stale: nobody answered on it
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        return ch;
    }

    private static List<AutoCloseable> startReporters(ActivityProbe probe, SidecarConfig config) {
        List<AutoCloseable> started = new ArrayList<>();
        for (ActivityReporter r : ServiceLoader.load(ActivityReporter.class)) {
            try {
                started.add(r.start(probe, config));
            } catch (Exception e) {
                LOG.warn("activity reporter {} did not start: {}", r.getClass().getName(), e.toString());
            }
        }
        if (started.isEmpty()) {
            LOG.warn("--report-activity is set but no activity reporter is on the class path");
        }
        return started;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel c = listener.accept();
                server.accept(new StreamPair(ChannelStreams.in(c), ChannelStreams.out(c),
                        StreamPair.LOOPBACK_LOCAL, StreamPair.LOOPBACK_REMOTE));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    public SidecarServer server() {
        return server;
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable r : reporters) {
            try {
                r.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
        try {
            listener.close();
            Files.deleteIfExists(socketPath);
        } catch (IOException ignored) {
            // shutting down
        }
        server.close();
        LOG.info("stopped");
    }
}
