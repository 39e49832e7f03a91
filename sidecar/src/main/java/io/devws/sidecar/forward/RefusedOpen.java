package io.devws.sidecar.forward;

import java.net.ConnectException;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.channel.AbstractChannel;
import org.apache.sshd.common.session.ConnectionService;

/**
 * A channel open answered with a failure. MINA sends the failure but keeps the channel registered on its
 * connection (it never opened, so it never closes): each refusal would hold a slot of the connection's
 * channels for good. The channel is unregistered here.
 */
public final class RefusedOpen {
    private RefusedOpen() {
    }

    public static OpenFuture of(AbstractChannel channel, Object lock, String message) {
        try {
            channel.getSession().getService(ConnectionService.class).unregisterChannel(channel);
        } catch (RuntimeException e) {
            // not registered: nothing held
        }
        DefaultOpenFuture f = new DefaultOpenFuture(channel, lock);
        f.setException(new ConnectException(message));
        return f;
    }
}
