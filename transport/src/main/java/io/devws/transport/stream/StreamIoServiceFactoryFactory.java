package io.devws.transport.stream;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;

/**
 * Plug into {@code SshServer/SshClient.setIoServiceFactoryFactory(...)} to run SSH over byte
 * streams (MINA has no stdio transport; docs/design-decisions.md, decision 2).
 * <ul>
 * <li>Server: after {@code start()}, hand each connection to {@link #acceptor()}{@code .accept(streams)}.</li>
 * <li>Client: construct with a {@link StreamOpener}; {@code SshClient.connect(host, port)} then
 * opens its streams through it (the address is passed to the opener unchanged).</li>
 * </ul>
 * Non-SSH I/O (TCP forwarding) keeps using NIO2.
 */
public final class StreamIoServiceFactoryFactory implements IoServiceFactoryFactory {
    private final Nio2ServiceFactoryFactory tcp = new Nio2ServiceFactoryFactory();
    private final TrafficCounter traffic = new TrafficCounter();
    private final StreamOpener opener;
    private final AtomicReference<StreamIoAcceptor> acceptor = new AtomicReference<>();

    /** For a server. */
    public StreamIoServiceFactoryFactory() {
        this(null);
    }

    /** For a client whose connections open through {@code opener}. */
    public StreamIoServiceFactoryFactory(StreamOpener opener) {
        this.opener = opener;
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new StreamIoServiceFactory(tcp.create(manager), this);
    }

    @Override
    public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        tcp.setExecutorServiceFactory(factory);
    }

    /** The acceptor the started server listens with; {@code null} before {@code start()}. */
    public StreamIoAcceptor acceptor() {
        return acceptor.get();
    }

    /** Bytes moved by every SSH connection of this server or client. */
    public TrafficCounter traffic() {
        return traffic;
    }

    StreamOpener opener() {
        return opener;
    }

    StreamIoAcceptor register(StreamIoAcceptor created) {
        acceptor.set(created);
        return created;
    }
}
