package io.devws.transport.stream;

import java.net.SocketAddress;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;

/**
 * Client side: {@code SshClient.connect(...)} opens its connection through a {@link StreamOpener}
 * (an exec stream, a Unix socket, a child process) instead of a TCP socket.
 */
public final class StreamIoConnector extends StreamIoService implements IoConnector {
    private final StreamOpener opener;

    StreamIoConnector(IoHandler handler, TrafficCounter traffic, StreamOpener opener) {
        super(handler, traffic);
        this.opener = opener;
    }

    @Override
    public IoConnectFuture connect(SocketAddress address, AttributeRepository context, SocketAddress localAddress) {
        DefaultIoConnectFuture future = new DefaultIoConnectFuture(address, null);
        try {
            future.setSession(open(opener.open(address)));
        } catch (Throwable e) {
            future.setException(e);
        }
        return future;
    }
}
