package io.devws.transport.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/** What the stream acceptor and connector share: the handler, the live sessions, the traffic. */
abstract class StreamIoService extends AbstractCloseable implements IoService {
    protected final IoHandler handler;
    private final TrafficCounter traffic;
    private final Map<Long, IoSession> sessions = new ConcurrentHashMap<>();
    private IoServiceEventListener listener;

    StreamIoService(IoHandler handler, TrafficCounter traffic) {
        this.handler = handler;
        this.traffic = traffic;
    }

    /** Creates the session, tells the handler (which creates the SSH session), then starts the I/O. */
    protected StreamIoSession open(StreamPair streams) throws Exception {
        StreamIoSession session = new StreamIoSession(this, handler, streams, traffic);
        sessions.put(session.getId(), session);
        try {
            handler.sessionCreated(session);
        } catch (Exception e) {
            session.close(true);
            throw e;
        }
        session.start();
        return session;
    }

    void sessionClosed(StreamIoSession session) {
        sessions.remove(session.getId());
    }

    @Override
    public Map<Long, IoSession> getManagedSessions() {
        return Map.copyOf(sessions);
    }

    @Override
    protected void doCloseImmediately() {
        for (IoSession s : sessions.values()) {
            s.close(true);
        }
        super.doCloseImmediately();
    }

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
        return listener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
        this.listener = listener;
    }
}
