package io.devws.sidecar.server;

import io.devws.transport.stream.TrafficCounter;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts open SSH connections and logs each one's end; with the traffic counter it is the {@link ActivityProbe}. */
final class ConnectionCounter implements SessionListener, ActivityProbe {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCounter.class);

    private static final AttributeKey<Boolean> LOGGED = new AttributeKey<>();
    private final AtomicInteger open = new AtomicInteger();
    private final TrafficCounter traffic;

    ConnectionCounter(TrafficCounter traffic) {
        this.traffic = traffic;
    }

    @Override
    public void sessionCreated(Session session) {
        open.incrementAndGet();
    }

    @Override
    public void sessionException(Session session, Throwable t) {
        if (firstReport(session)) {
            long id = session.getIoSession().getId();
            if (LOG.isDebugEnabled()) {
                LOG.warn("connection {} failed: {}", id, t.toString(), t); // the same line, with where it failed
            } else {
                LOG.warn("connection {} failed: {}", id, t.toString());
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        open.decrementAndGet();
        if (!session.isAuthenticated() && firstReport(session)) {
            LOG.warn("connection {} ended before authentication (not an SSH client, or it went away)",
                    session.getIoSession().getId());
        }
    }

    /**
     * One log line per connection, however many ways it fails (a port scanner or a dropped laptop is routine); its
     * stack trace only with this class's logger at debug, as the sidecar's integration tests run it.
     */
    private static boolean firstReport(Session session) {
        synchronized (session) {
            return session.setAttribute(LOGGED, Boolean.TRUE) == null;
        }
    }

    @Override
    public int openConnections() {
        return open.get();
    }

    @Override
    public long bytesTransferred() {
        return traffic.total();
    }
}
