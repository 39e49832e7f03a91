package io.devws.host.client;

import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Frames.Frame;
import io.devws.host.protocol.Payloads;
import io.devws.host.protocol.StartRequest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The daemon's side of the host protocol: a liveness check and sessions, one connection each. */
public final class HostClient {
    /** Room for the SCM_RIGHTS message that carries a piped session's three descriptors (and then some). */
    private static final int PIPES_ANCILLARY_BYTES = 256;

    private final Path socket;

    public HostClient(Path socket) {
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }

    /** Connects and exchanges hellos; returns the host's protocol version. Cheap: no process starts. */
    public static int ping(Path socket) throws IOException {
        try (Connection c = Connection.open(socket)) {
            return c.version;
        }
    }

    /** {@link #ping} that answers -1 instead of throwing (no host, a stale socket, something else). */
    public static int pingQuietly(Path socket) {
        try {
            return ping(socket);
        } catch (IOException e) {
            return -1;
        }
    }

    public int ping() throws IOException {
        return ping(socket);
    }

    /** The uid the host runs as (SO_PEERCRED of its socket): the dev container's user, whom sessions run as. */
    public long hostUid() throws IOException {
        try (Connection c = Connection.open(socket)) {
            return c.socket.getPeerCredentials().getUid();
        }
    }

    /**
     * Starts a session; throws with the host's one-line reason when it cannot. Without a PTY the host hands over the
     * child's pipes and the session's bytes never pass through it; a PTY session's are relayed in frames.
     */
    public HostSession start(StartRequest request) throws IOException {
        return request.pty() ? session(Frames.START, request.encode()) : piped(request);
    }

    /** Connects to the Unix socket at {@code path} in the dev container: its bytes are the session's stdout. */
    public HostSession connect(Path path) throws IOException {
        return session(Frames.CONNECT, Payloads.utf(path.toString()));
    }

    /** Takes one connection a {@link #listen} announced. */
    public HostSession pickup(int id) throws IOException {
        return session(Frames.PICKUP, Payloads.u32(id));
    }

    /**
     * Listens on {@code path} in the dev container, as the host's user, until the listener is closed;
     * {@code accepted} gets each connection's id (for {@link #pickup}) on the listener's thread.
     */
    public HostListener listen(Path path, IntConsumer accepted) throws IOException {
        Connection c = Connection.open(socket);
        try {
            expectStarted(c, Frames.LISTEN, Payloads.utf(path.toString()));
            return new HostListener(c.socket, c.in, accepted);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private HostSession session(int type, byte[] payload) throws IOException {
        Connection c = Connection.open(socket);
        try {
            int pid = expectStarted(c, type, payload);
            return new HostSession(c.socket, c.in, c.out, pid, new FramedStreams(c.out));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private HostSession piped(StartRequest request) throws IOException {
        Connection c = Connection.open(socket);
        FileDescriptor[] fds = null;
        try {
            c.socket.setAncillaryReceiveBufferSize(PIPES_ANCILLARY_BYTES);
            int pid = expectStarted(c, Frames.START_PIPED, request.encode());
            fds = c.socket.getReceivedFileDescriptors();
            if (fds == null || fds.length != 3) {
                throw new IOException("session host: STARTED came without the session's pipes");
            }
            return new HostSession(c.socket, c.in, c.out, pid, new PipeStreams(fds[0], fds[1], fds[2]));
        } catch (IOException | RuntimeException e) {
            closeAll(fds);
            c.close();
            throw e;
        }
    }

    private static void closeAll(FileDescriptor[] fds) {
        if (fds == null) {
            return;
        }
        for (FileDescriptor fd : fds) {
            try {
                new FileInputStream(fd).close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** Sends the request; returns the STARTED pid, or throws with the host's one-line reason. */
    private static int expectStarted(Connection c, int type, byte[] payload) throws IOException {
        Frames.write(c.out, type, payload);
        Frame reply = Frames.read(c.in);
        if (reply == null) {
            throw new IOException("the session host closed the connection before the session started");
        }
        if (reply.type() == Frames.ERROR) {
            throw new IOException("session host: " + Payloads.utf(reply.payload()));
        }
        if (reply.type() != Frames.STARTED) {
            throw new IOException("session host: unexpected frame type " + reply.type());
        }
        return Payloads.u32(reply.payload());
    }

    private static final class Connection implements AutoCloseable {
        final AFUNIXSocket socket;
        final DataInputStream in;
        final DataOutputStream out;
        final int version;

        private Connection(AFUNIXSocket socket, DataInputStream in, DataOutputStream out, int version) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.version = version;
        }

        static Connection open(Path path) throws IOException {
            AFUNIXSocket s = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(path.toFile()));
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 64 * 1024));
                Frames.write(out, Frames.HELLO, Payloads.hello());
                Frame hello = Frames.read(in);
                if (hello == null || hello.type() != Frames.HELLO) {
                    throw new IOException("no hello from the session host at " + path);
                }
                int version = Payloads.helloVersion(hello.payload());
                if (version != Frames.VERSION) {
                    throw new IOException("session host speaks protocol " + version + ", this daemon " + Frames.VERSION);
                }
                return new Connection(s, in, out, version);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }
}
