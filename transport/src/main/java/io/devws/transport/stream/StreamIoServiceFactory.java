package io.devws.transport.stream;

import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.session.helpers.AbstractSessionIoHandler;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/**
 * SSH connections themselves go over streams; everything else MINA opens through the factory
 * (TCP port forwarding listeners and connections) goes to the regular NIO2 factory.
 */
final class StreamIoServiceFactory extends AbstractCloseable implements IoServiceFactory {
    private final IoServiceFactory tcp;
    private final StreamIoServiceFactoryFactory owner;
    private IoServiceEventListener listener;

    StreamIoServiceFactory(IoServiceFactory tcp, StreamIoServiceFactoryFactory owner) {
        this.tcp = tcp;
        this.owner = owner;
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
        if (handler instanceof AbstractSessionIoHandler) {
            return owner.register(new StreamIoAcceptor(handler, owner.traffic()));
        }
        return tcp.createAcceptor(handler);
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
        if (handler instanceof AbstractSessionIoHandler && owner.opener() != null) {
            return new StreamIoConnector(handler, owner.traffic(), owner.opener());
        }
        return tcp.createConnector(handler);
    }

    @Override
    protected void doCloseImmediately() {
        tcp.close(true);
        super.doCloseImmediately();
    }

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
        return listener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
        this.listener = listener;
        tcp.setIoServiceEventListener(listener);
    }
}
