package io.devws.host.server;

import io.devws.host.os.LibC;
import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's Unix socket: one connection per session (docs/session-host.md). Only peers whose uid
 * (SO_PEERCRED) is the host's own or an allowed one (the sidecar's) get a session.
 */
public final class HostServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(HostServer.class);

    private final AFUNIXServerSocket server;
    private final Path path;
    private final Set<Long> allowed;
    private final SessionEnvironment environment;
    private final SocketForwarding forwarding = new SocketForwarding();
    private final SessionRegistry registry;
    private final Thread acceptor;

    private HostServer(AFUNIXServerSocket server, Path path, Set<Long> allowed, SessionEnvironment environment,
            SessionRegistry registry) {
        this.server = server;
        this.registry = registry;
        this.path = path;
        this.allowed = allowed;
        this.environment = environment;
        this.acceptor = new Thread(this::acceptLoop, "devws-host-accept");
    }

    /**
     * Binds {@code socket} (replacing a stale file) owner-only, or owner+group when another uid must
     * connect (the pod's fsGroup then carries it; the uid check narrows it to that uid).
     */
    public static HostServer start(Path socket, Long allowUid) throws IOException {
        long self = LibC.INSTANCE.getuid();
        Set<Long> allowed = allowUid == null ? Set.of(self) : Set.of(self, allowUid);
        Files.createDirectories(socket.toAbsolutePath().getParent());
        Files.deleteIfExists(socket);
        boolean group = allowUid != null && allowUid != self && allowUid != 0;
        // umask before bind: the socket never exists with wider permissions, not even for a moment
        int old = LibC.INSTANCE.umask(group ? 0117 : 0177);
        AFUNIXServerSocket server;
        try {
            server = AFUNIXServerSocket.newInstance();
            server.bind(AFUNIXSocketAddress.of(socket.toFile()), 64);
        } finally {
            LibC.INSTANCE.umask(old);
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(group ? "rw-rw----" : "rw-------"));
        Account account = Account.of((int) self, Path.of("/etc/passwd"));
        SessionRegistry registry = SessionRegistry.beside(socket);
        registry.endOrphans(); // a previous host that died could not hang up its sessions
        HostServer s = new HostServer(server, socket, allowed, new SessionEnvironment(account, System.getenv()), registry);
        s.acceptor.start();
        LOG.info("session host listening on {} as {} (uid {}, shell {}), accepting uids {}", socket, account.name(),
                self, account.shell(), allowed);
        return s;
    }

    public Path path() {
        return path;
    }

    /** Blocks until the server is closed. */
    public void await() throws InterruptedException {
        acceptor.join();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            AFUNIXSocket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("accept failed: {}", e.toString());
                }
                continue;
            }
            try {
                long uid = s.getPeerCredentials().getUid();
                if (!allowed.contains(uid)) {
                    LOG.warn("refused a connection from uid {} (allowed: {})", uid, allowed);
                    s.close();
                    continue;
                }
                Thread t = new Thread(new SessionConnection(s, environment, forwarding, registry), "devws-host-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                LOG.warn("connection dropped: {}", e.toString());
                closeQuietly(s);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
