package io.devws.sidecar.forward;

import io.devws.sidecar.config.SidecarConfig.ForwardingConfig;
import io.devws.sidecar.unix.SocketSpace;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.ForwardingFilter;

/**
 * The one forwarding policy: agent forwarding on/off, TCP (-L, -D, -R) on/off, Unix streamlocal
 * on/off; X11 never. Where {@code ssh -R} listeners bind is {@link LoopbackForwarder}'s job.
 */
public final class ForwardingPolicy implements ForwardingFilter {
    private final boolean agent;
    private final ForwardingConfig config;
    private final SocketSpace sockets;
    private final int maxListeners;

    public ForwardingPolicy(boolean agent, ForwardingConfig config) {
        this(agent, config, SocketSpace.LOCAL);
    }

    /** {@code sockets}: where Unix-socket forwards connect and listen (where the sessions run). */
    public ForwardingPolicy(boolean agent, ForwardingConfig config, SocketSpace sockets) {
        this(agent, config, sockets, Integer.MAX_VALUE);
    }

    /** {@code maxListeners}: {@code ssh -R} listeners (TCP and Unix socket together) one connection may hold. */
    public ForwardingPolicy(boolean agent, ForwardingConfig config, SocketSpace sockets, int maxListeners) {
        this.agent = agent;
        this.config = config;
        this.sockets = sockets;
        this.maxListeners = maxListeners;
    }

    /** The session's server policy; a server configured with another filter forwards no Unix sockets. */
    static ForwardingPolicy of(Session session) {
        return session.getFactoryManager().getForwardingFilter() instanceof ForwardingPolicy p ? p : DENY_STREAMLOCAL;
    }

    private static final ForwardingPolicy DENY_STREAMLOCAL = new ForwardingPolicy(false, new ForwardingConfig(false, false, false));

    @Override
    public boolean canForwardAgent(Session session, String requestType) {
        return agent;
    }

    @Override
    public boolean canForwardX11(Session session, String requestType) {
        return false;
    }

    @Override
    public boolean canListen(SshdSocketAddress address, Session session) {
        return config.tcp();
    }

    @Override
    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
        return config.tcp();
    }

    public boolean canForwardStreamLocal() {
        return config.streamLocal();
    }

    public SocketSpace sockets() {
        return sockets;
    }

    public int maxListeners() {
        return maxListeners;
    }

    public boolean gatewayPorts() {
        return config.gatewayPorts();
    }
}
