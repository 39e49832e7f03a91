package io.devws.sidecar.forward;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.server.SshServer;

/** Adds Unix-socket forwarding (OpenSSH's streamlocal extensions, which MINA lacks) to a server. */
public final class StreamLocalSetup {
    private StreamLocalSetup() {
    }

    /** {@code policy} must also be the server's forwarding filter: the channel factory reads it from there. */
    public static void apply(SshServer sshd, ForwardingPolicy policy) {
        List<ChannelFactory> channels = new ArrayList<>(sshd.getChannelFactories());
        channels.add(DirectStreamLocalChannelFactory.INSTANCE);
        sshd.setChannelFactories(channels);
        List<RequestHandler<ConnectionService>> handlers = new ArrayList<>(sshd.getGlobalRequestHandlers());
        handlers.add(new StreamLocalForwardHandler(policy));
        sshd.setGlobalRequestHandlers(handlers);
    }
}
