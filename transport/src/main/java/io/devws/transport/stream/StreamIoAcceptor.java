package io.devws.transport.stream;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoHandler;

/**
 * Server side: each {@link #accept(StreamPair)} is one incoming SSH connection (stdin/stdout, or
 * one accepted Unix-socket connection). {@code bind} is a no-op: connections are handed in, not
 * listened for, so {@code SshServer.start()} can run unchanged with port 0.
 */
public final class StreamIoAcceptor extends StreamIoService implements IoAcceptor {
    private final Set<SocketAddress> bound = ConcurrentHashMap.newKeySet();

    StreamIoAcceptor(IoHandler handler, TrafficCounter traffic) {
        super(handler, traffic);
    }

    /** Serves one connection over these streams; returns once its I/O threads run. */
    public StreamIoSession accept(StreamPair streams) throws IOException {
        if (isClosing()) {
            throw new IOException("the SSH server is shutting down");
        }
        try {
            return open(streams);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void bind(Collection<? extends SocketAddress> addresses) {
        // connections are handed in through accept(); remember the nominal addresses only
        bound.addAll(addresses);
    }

    @Override
    public void bind(SocketAddress address) {
        bound.add(address);
    }

    @Override
    public void unbind(Collection<? extends SocketAddress> addresses) {
        bound.removeAll(addresses);
    }

    @Override
    public void unbind(SocketAddress address) {
        bound.remove(address);
    }

    @Override
    public void unbind() {
        bound.clear();
    }

    @Override
    public Set<SocketAddress> getBoundAddresses() {
        return Set.copyOf(bound);
    }
}
