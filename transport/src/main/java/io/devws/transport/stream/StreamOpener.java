package io.devws.transport.stream;

import java.io.IOException;
import java.net.SocketAddress;

/** Opens the byte streams of a client connection to {@code target} (for {@link StreamIoConnector}). */
@FunctionalInterface
public interface StreamOpener {
    StreamPair open(SocketAddress target) throws IOException;
}
