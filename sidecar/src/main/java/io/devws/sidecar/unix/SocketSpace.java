package io.devws.sidecar.unix;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where a session's Unix sockets live, for {@code ssh -L port:/path} and {@code ssh -R /path:...}: the sidecar's
 * own filesystem ({@link #LOCAL}, where sessions run in it), or the dev container's through the session host.
 */
public interface SocketSpace {
    SocketEnd connect(Path path) throws IOException;

    /** Listens on {@code path} until the returned handle is closed; each connection goes to {@code accepted}. */
    Closeable listen(Path path, Consumer<SocketEnd> accepted) throws IOException;

    /** The sidecar's own filesystem, as the sidecar's user. */
    SocketSpace LOCAL = new SocketSpace() {
        @Override
        public SocketEnd connect(Path path) throws IOException {
            return SocketEnd.of(UnixSockets.connect(path));
        }

        @Override
        public Closeable listen(Path path, Consumer<SocketEnd> accepted) throws IOException {
            UnixSockets.refuseNonSocket(path);
            return UnixSocketListener.start(path, "rw-------", ch -> accepted.accept(SocketEnd.of(ch)));
        }
    };
}
