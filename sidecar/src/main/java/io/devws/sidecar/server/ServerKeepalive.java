package io.devws.sidecar.server;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSSH's ClientAliveInterval/ClientAliveCountMax: after authentication, every {@code interval}
 * a {@code keepalive@openssh.com} global request with want-reply; any reply (OpenSSH answers
 * "failure") proves the peer alive. After {@code maxMissed} unanswered ones the connection is
 * closed, so a stream whose far end vanished (an exec that never delivers EOF) does not linger.
 * (MINA's HEARTBEAT_* reply properties only apply to clients.)
 *
 * <p>The timer only counts: sending a keepalive and closing a connection run on a pool, because
 * either can block on a connection whose peer stopped reading (its writes wait for the transport).
 * A keepalive still being sent when the next one is due counts as unanswered, so such a peer is
 * closed like a silent one, and the timer keeps serving every other connection.
 */
final class ServerKeepalive implements SessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerKeepalive.class);
    static final String REQUEST = "keepalive@openssh.com";
    private static final AttributeKey<ScheduledFuture<?>> TASK = new AttributeKey<>();

    private final Duration interval;
    private final int maxMissed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "devws-keepalive");
        t.setDaemon(true);
        return t;
    });

    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "devws-keepalive-send");
        t.setDaemon(true);
        return t;
    });

    ServerKeepalive(Duration interval, int maxMissed) {
        this.interval = interval;
        this.maxMissed = maxMissed;
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            AtomicInteger missed = new AtomicInteger();
            AtomicBoolean sending = new AtomicBoolean();
            long ms = interval.toMillis();
            session.setAttribute(TASK, timer.scheduleAtFixedRate(() -> tick(session, missed, sending), ms, ms,
                    TimeUnit.MILLISECONDS));
        }
    }

    /** On the timer: never blocks. */
    private void tick(Session session, AtomicInteger missed, AtomicBoolean sending) {
        if (!session.isOpen()) {
            return;
        }
        if (missed.incrementAndGet() > maxMissed) {
            LOG.info("closing connection {}: no answer to {} keepalives", session.getIoSession().getId(), maxMissed);
            senders.execute(() -> session.close(true));
            return;
        }
        if (sending.compareAndSet(false, true)) {
            senders.execute(() -> {
                try {
                    send(session, missed);
                } finally {
                    sending.set(false);
                }
            });
        }
    }

    private static void send(Session session, AtomicInteger missed) {
        try {
            Buffer b = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, REQUEST.length() + 8);
            b.putString(REQUEST);
            b.putBoolean(true);
            session.request(b, REQUEST, (cmd, reply) -> missed.set(0));
        } catch (IOException e) {
            session.close(true);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        ScheduledFuture<?> task = session.removeAttribute(TASK);
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
    }
}
