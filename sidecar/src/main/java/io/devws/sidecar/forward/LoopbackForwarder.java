package io.devws.sidecar.forward;

import java.io.IOException;
import org.apache.sshd.common.forward.DefaultForwarder;
import org.apache.sshd.common.forward.ForwarderFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Binds {@code ssh -R} listeners to loopback unless gateway ports are allowed, as OpenSSH's
 * {@code GatewayPorts no} does: a wildcard or foreign bind address becomes 127.0.0.1.
 */
public final class LoopbackForwarder extends DefaultForwarder {
    public LoopbackForwarder(ConnectionService service) {
        super(service);
    }

    public static ForwarderFactory factory(ForwardingPolicy policy) {
        return service -> policy.gatewayPorts() ? new DefaultForwarder(service) : new LoopbackForwarder(service);
    }

    @Override
    public synchronized SshdSocketAddress localPortForwardingRequested(SshdSocketAddress local) throws IOException {
        return super.localPortForwardingRequested(toLoopback(local));
    }

    static SshdSocketAddress toLoopback(SshdSocketAddress requested) {
        String host = requested.getHostName();
        if ("localhost".equalsIgnoreCase(host) || SshdSocketAddress.isLoopback(host)) {
            return requested;
        }
        return new SshdSocketAddress(SshdSocketAddress.LOCALHOST_IPV4, requested.getPort());
    }

}
