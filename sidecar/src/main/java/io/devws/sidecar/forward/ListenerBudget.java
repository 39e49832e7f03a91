package io.devws.sidecar.forward;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/** How many {@code ssh -R} listeners (TCP and Unix socket together) one connection holds, against its cap. */
final class ListenerBudget {
    private static final AttributeKey<AtomicInteger> HELD = new AttributeKey<>();

    private ListenerBudget() {
    }

    /** @return false, taking nothing, when the connection already holds {@code max} */
    static boolean take(Session session, int max) {
        AtomicInteger held = session.computeAttributeIfAbsent(HELD, k -> new AtomicInteger());
        if (held.incrementAndGet() > max) {
            held.decrementAndGet();
            return false;
        }
        return true;
    }

    static void release(Session session) {
        AtomicInteger held = session.getAttribute(HELD);
        if (held != null) {
            held.updateAndGet(n -> Math.max(0, n - 1));
        }
    }
}
