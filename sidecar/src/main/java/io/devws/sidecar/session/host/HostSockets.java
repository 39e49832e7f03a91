package io.devws.sidecar.session.host;

import io.devws.host.client.HostClient;
import io.devws.host.client.HostSession;
import io.devws.sidecar.unix.SocketEnd;
import io.devws.sidecar.unix.SocketSpace;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dev container's Unix sockets, as its user: the session host connects and listens for the daemon. */
final class HostSockets implements SocketSpace {
    private static final Logger LOG = LoggerFactory.getLogger(HostSockets.class);

    private final HostClient client;

    HostSockets(HostClient client) {
        this.client = client;
    }

    @Override
    public SocketEnd connect(Path path) throws IOException {
        return new Relayed(client.connect(path));
    }

    @Override
    public Closeable listen(Path path, Consumer<SocketEnd> accepted) throws IOException {
        return client.listen(path, id -> {
            try {
                accepted.accept(new Relayed(client.pickup(id)));
            } catch (IOException e) {
                LOG.warn("a connection to {} was lost before it was forwarded: {}", path, e.toString());
            }
        });
    }

    /** A socket in the dev container, relayed by the host: its bytes are the relay's stdout, its input the stdin. */
    private static final class Relayed implements SocketEnd {
        private final HostSession session;
        private final OutputStream toSocket;

        Relayed(HostSession session) {
            this.session = session;
            this.toSocket = session.stdin();
        }

        @Override
        public InputStream input() {
            return session.stdout();
        }

        @Override
        public void write(byte[] data, int off, int len) throws IOException {
            toSocket.write(data, off, len);
        }

        @Override
        public void shutdownOutput() throws IOException {
            toSocket.close();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
