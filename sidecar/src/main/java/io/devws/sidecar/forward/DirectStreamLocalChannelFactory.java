package io.devws.sidecar.forward;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;

/**
 * Creates {@code direct-streamlocal@openssh.com} channels, like MINA's own named channel factories.
 * The policy is the server's forwarding filter (a {@link ForwardingPolicy}); any other filter denies.
 */
public final class DirectStreamLocalChannelFactory implements ChannelFactory {
    public static final DirectStreamLocalChannelFactory INSTANCE = new DirectStreamLocalChannelFactory();

    private DirectStreamLocalChannelFactory() {
    }

    @Override
    public String getName() {
        return DirectStreamLocalChannel.TYPE;
    }

    @Override
    public Channel createChannel(Session session) {
        return new DirectStreamLocalChannel(ForwardingPolicy.of(session));
    }
}
