package io.devws.cli.agent;

import io.devws.cli.tunnel.StdioTarget;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-user tunnel agent ({@code devws agent run}): a Unix socket server that opens one exec per
 * connection over warm cluster clients ({@link AgentSession}). Binding happens under a file lock,
 * so agents started at once by several ssh end up as one; a socket nobody answers on (a killed
 * agent) is replaced. It exits after {@code idle} without sessions, and retires (unlinks its
 * socket, finishes its sessions, exits) when a client of another build reaches it or on
 * {@code devws agent stop}.
 */
public final class AgentServer {
    private final AgentPaths paths;
    private final Duration idle;
    private final Function<List<String>, Optional<StdioTarget>> targets;
    private final String identity = AgentProtocol.identity();
    private final Instant started = Instant.now();
    private final WarmClients clients = new WarmClients();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean retiring;
    private ServerSocketChannel server;
    private Object socketKey;
    private UserPrincipal owner;

    /** @param targets the ProxyCommand target of {@code devws ssh ARGS}, empty when the in-process path must answer */
    public AgentServer(AgentPaths paths, Duration idle, Function<List<String>, Optional<StdioTarget>> targets) {
        this.paths = paths;
        this.idle = idle;
        this.targets = targets;
    }

    Function<List<String>, Optional<StdioTarget>> targets() {
        return targets;
    }

    /** Serves until idle or retired; returns at once when another live agent already serves. */
    public void run() throws IOException {
        owner = Files.getOwner(paths.ensureDir());
        if (!bind()) {
            return;
        }
        log("agent " + identity + " pid " + ProcessHandle.current().pid() + " listening on " + paths.socket()
                + " (idle exit after " + idle.toSeconds() + "s)");
        Thread watcher = new Thread(this::watchIdle, "devws-agent-idle");
        watcher.setDaemon(true);
        watcher.start();
        try {
            while (true) {
                SocketChannel ch;
                try {
                    ch = server.accept();
                } catch (IOException e) {
                    break; // closed: idle or retired
                }
                lastActivity = System.nanoTime();
                AgentSession session = new AgentSession(this, ch);
                Thread t = new Thread(session::serve, "devws-agent-session");
                t.setDaemon(true);
                t.start();
            }
            while (active.get() > 0) {
                sleep(200); // a retired agent finishes the sessions it carries
            }
        } finally {
            clients.closeAll();
            log("agent exits after " + served.get() + " connections");
        }
    }

    private boolean bind() throws IOException {
        try (FileChannel lockFile = FileChannel.open(paths.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            Path socket = paths.socket();
            if (answers(socket)) {
                return false;
            }
            Files.deleteIfExists(socket); // stale: its agent is gone
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            // the 0700 directory already keeps others out; the mode says so to anyone looking
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            socketKey = key(socket);
            Files.writeString(paths.pid(), ProcessHandle.current().pid() + "\n");
            return true;
        }
    }

    private static boolean answers(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops taking connections and removes the socket if it is still this agent's; running sessions go on. */
    void retire(String why) {
        synchronized (this) {
            if (retiring) {
                return;
            }
            retiring = true;
        }
        log("agent retires: " + why);
        try (FileChannel lockFile = FileChannel.open(paths.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            if (Objects.equals(key(paths.socket()), socketKey)) {
                Files.deleteIfExists(paths.socket());
                Files.deleteIfExists(paths.pid());
            }
        } catch (IOException e) {
            log("cannot remove " + paths.socket() + ": " + e.getMessage());
        }
        try {
            server.close();
        } catch (IOException e) {
            // accept() ends either way
        }
    }

    private void watchIdle() {
        while (!retiring) {
            sleep(Math.max(100, Math.min(10_000, idle.toMillis() / 4)));
            if (active.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) {
                retire("idle for " + idle.toSeconds() + "s");
            } else if (!Objects.equals(key(paths.socket()), socketKey)) {
                retire("its socket was removed or replaced");
            }
        }
    }

    private static Object key(Path socket) {
        try {
            return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    void sessionStarted() {
        active.incrementAndGet();
    }

    /** A connection the agent took on (after the handshake), as opposed to probes and status requests. */
    void tunnelAccepted() {
        served.incrementAndGet();
    }

    void sessionEnded() {
        lastActivity = System.nanoTime();
        active.decrementAndGet();
    }

    WarmClients clients() {
        return clients;
    }

    /** The user this agent serves: its directory's owner (checked against each client's peer credentials). */
    UserPrincipal owner() {
        return owner;
    }

    String identity() {
        return identity;
    }

    String status() {
        return "agent: running, pid " + ProcessHandle.current().pid() + ", build " + identity + "\n"
                + "socket: " + paths.socket() + "\n"
                + "up: " + Duration.between(started, Instant.now()).toSeconds() + "s, idle exit after " + idle.toSeconds() + "s\n"
                + "connections: " + (active.get() - 1) + " open, " + served.get() + " served\n"
                + "cluster clients: " + clients.size() + " warm, " + clients.opened() + " opened\n";
    }

    static void log(String line) {
        System.err.println(Instant.now() + " " + line);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
