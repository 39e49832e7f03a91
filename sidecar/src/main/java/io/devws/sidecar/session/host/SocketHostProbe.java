package io.devws.sidecar.session.host;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Alive = something accepts a connection on the host's socket (a dead host leaves no listener). */
public final class SocketHostProbe implements HostProbe {
    private final Path socket;

    public SocketHostProbe(Path socket) {
        this.socket = socket;
    }

    @Override
    public boolean alive() {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return c.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
