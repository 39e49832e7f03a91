package io.devws.host.server;

import io.devws.host.os.LibC;
import io.devws.host.protocol.ExitInfo;
import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Frames.Frame;
import io.devws.host.protocol.Payloads;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unix-socket forwarding in the dev container, as the host's user (docs/session-host.md#unix-socket-forwarding):
 * {@code ssh -L port:/path} connects here, {@code ssh -R /path:...} listens here. A listened-on connection waits
 * for the daemon to pick it up on a connection of its own, so every relay is one connection, as a session is.
 */
final class SocketForwarding {
    private static final Logger LOG = LoggerFactory.getLogger(SocketForwarding.class);
    /** An accepted connection nobody picks up within this is closed (the daemon's SSH connection went away). */
    static final long PICKUP_SECONDS = 30;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Map<Integer, Socket> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "devws-host-pickup-expiry");
        t.setDaemon(true);
        return t;
    });

    void connect(String path, DataInputStream in, DataOutputStream out) throws IOException {
        Socket s;
        try {
            s = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(Path.of(path).toFile()));
        } catch (IOException e) {
            Frames.write(out, Frames.ERROR, Payloads.utf("cannot connect to " + path + ": " + e.getMessage()));
            return;
        }
        relay(s, in, out);
    }

    void pickup(int id, DataInputStream in, DataOutputStream out) throws IOException {
        Socket s = waiting.remove(id);
        if (s == null) {
            Frames.write(out, Frames.ERROR, Payloads.utf("no forwarded connection " + id + " is waiting"));
            return;
        }
        relay(s, in, out);
    }

    /** Listens on {@code path} until the daemon closes this connection; announces each accepted connection. */
    void listen(String path, DataInputStream in, DataOutputStream out) throws IOException {
        Path p = Path.of(path);
        AFUNIXServerSocket server;
        try {
            server = bind(p);
        } catch (IOException e) {
            Frames.write(out, Frames.ERROR, Payloads.utf("cannot listen on " + path + ": " + e.getMessage()));
            return;
        }
        try (server) {
            Frames.write(out, Frames.STARTED, Payloads.started(0, ""));
            Thread acceptor = new Thread(() -> acceptLoop(server, out), "devws-host-listen");
            acceptor.setDaemon(true);
            acceptor.start();
            while (Frames.read(in) != null) {
                // the daemon sends nothing more: the connection's end is the cancel
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }

    private AFUNIXServerSocket bind(Path p) throws IOException {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            // as OpenSSH: a stale socket is replaced, any other file is left alone and the forward refused
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & S_IFMT) != S_IFSOCK) {
                throw new IOException("a file that is not a socket is in the way");
            }
            Files.delete(p);
        }
        int old = LibC.INSTANCE.umask(0177); // OpenSSH's StreamLocalBindMask: the socket is the user's alone
        try {
            AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
            server.bind(AFUNIXSocketAddress.of(p.toFile()), 64);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            return server;
        } finally {
            LibC.INSTANCE.umask(old);
        }
    }

    private void acceptLoop(AFUNIXServerSocket server, DataOutputStream out) {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed with its connection
            }
            int id = ids.incrementAndGet();
            waiting.put(id, s);
            expiry.schedule(() -> closeQuietly(waiting.remove(id)), PICKUP_SECONDS, TimeUnit.SECONDS);
            try {
                Frames.write(out, Frames.ACCEPTED, Payloads.u32(id));
            } catch (IOException e) {
                closeQuietly(waiting.remove(id));
                return;
            }
        }
    }

    /** STDIN frames to the socket (acknowledged with WINDOW), the socket's bytes as STDOUT, EXIT at its end. */
    private static void relay(Socket s, DataInputStream in, DataOutputStream out) throws IOException {
        try (s) {
            Frames.write(out, Frames.STARTED, Payloads.started(0, ""));
            Thread reader = new Thread(() -> toDaemon(s, out), "devws-host-relay");
            reader.setDaemon(true);
            reader.start();
            OutputStream toSocket = s.getOutputStream();
            Frame f;
            while ((f = Frames.read(in)) != null) {
                switch (f.type()) {
                    case Frames.STDIN -> {
                        toSocket.write(f.payload());
                        Frames.write(out, Frames.WINDOW, Payloads.u32(f.payload().length));
                    }
                    case Frames.STDIN_EOF -> s.shutdownOutput();
                    case Frames.RESIZE, Frames.SIGNAL -> {
                        // meaningless for a socket
                    }
                    default -> throw new IOException("unexpected frame type " + f.type());
                }
            }
        }
    }

    private static void toDaemon(Socket s, DataOutputStream out) {
        byte[] buf = new byte[Frames.CHUNK];
        try {
            InputStream from = s.getInputStream();
            int n;
            while ((n = from.read(buf)) > 0) {
                Frames.write(out, Frames.STDOUT, buf, 0, n);
            }
            Frames.write(out, Frames.EXIT, new ExitInfo(0, null, false).encode());
        } catch (IOException e) {
            LOG.debug("socket relay ended: {}", e.toString());
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }
}
