package io.devws.sidecar.agent;

import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.sshd.common.session.ConnectionService;

/**
 * The SSH connections that asked for agent forwarding, newest last. The stable agent socket goes
 * to the newest one still open; when it closes, the next newest takes over.
 */
public final class AgentRouter {
    private final Deque<ConnectionService> connections = new ConcurrentLinkedDeque<>();

    void add(ConnectionService service) {
        connections.addLast(service);
    }

    void remove(ConnectionService service) {
        connections.remove(service);
    }

    /** The most recently connected, still open agent-forwarding connection. */
    public Optional<ConnectionService> newest() {
        Iterator<ConnectionService> it = connections.descendingIterator();
        while (it.hasNext()) {
            ConnectionService s = it.next();
            if (s.isOpen() && s.getSession().isOpen()) {
                return Optional.of(s);
            }
            it.remove();
        }
        return Optional.empty();
    }

    public int size() {
        return connections.size();
    }
}
