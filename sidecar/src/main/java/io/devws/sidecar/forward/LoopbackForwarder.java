package io.devws.sidecar.forward;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.forward.DefaultForwarder;
import org.apache.sshd.common.forward.ForwarderFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@code ssh -R} listeners to loopback unless gateway ports are allowed, as OpenSSH's
 * {@code GatewayPorts no} does: a wildcard or foreign bind address becomes 127.0.0.1. Each listener
 * counts against the connection's {@link ListenerBudget}; past it, the request is refused.
 */
public final class LoopbackForwarder extends DefaultForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackForwarder.class);

    private final boolean loopbackOnly;
    private final int maxListeners;
    /** Ports this connection listens on, so only a real cancel gives its slot back. */
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();

    public LoopbackForwarder(ConnectionService service) {
        this(service, true, Integer.MAX_VALUE);
    }

    LoopbackForwarder(ConnectionService service, boolean loopbackOnly, int maxListeners) {
        super(service);
        this.loopbackOnly = loopbackOnly;
        this.maxListeners = maxListeners;
    }

    public static ForwarderFactory factory(ForwardingPolicy policy) {
        return service -> new LoopbackForwarder(service, !policy.gatewayPorts(), policy.maxListeners());
    }

    @Override
    public synchronized SshdSocketAddress localPortForwardingRequested(SshdSocketAddress local) throws IOException {
        if (!ListenerBudget.take(getSession(), maxListeners)) {
            LOG.info("refused -R {}: the connection already holds {} listeners", local, maxListeners);
            return null;
        }
        SshdSocketAddress bound = null;
        try {
            bound = super.localPortForwardingRequested(loopbackOnly ? toLoopback(local) : local);
            return bound;
        } finally {
            if (bound == null || !held.add(bound.getPort())) {
                ListenerBudget.release(getSession());
            }
        }
    }

    @Override
    public synchronized void localPortForwardingCancelled(SshdSocketAddress local) throws IOException {
        super.localPortForwardingCancelled(local);
        if (held.remove(local.getPort())) {
            ListenerBudget.release(getSession());
        }
    }

    static SshdSocketAddress toLoopback(SshdSocketAddress requested) {
        String host = requested.getHostName();
        if ("localhost".equalsIgnoreCase(host) || SshdSocketAddress.isLoopback(host)) {
            return requested;
        }
        return new SshdSocketAddress(SshdSocketAddress.LOCALHOST_IPV4, requested.getPort());
    }
}
