package io.devws.sidecar.unix;

import java.io.IOException;
import org.apache.sshd.common.channel.AbstractChannel;

/** What the SSH channels that carry a Unix socket's bytes share. */
public final class SocketChannels {
    private SocketChannels() {
    }

    /** The channel's queued writes to {@code socket}: window released as bytes land, channel closed when it breaks. */
    public static QueuedSocketWrites writes(AbstractChannel channel, SocketEnd socket) {
        return new QueuedSocketWrites(socket, channel.getLocalWindow().getMaxSize(), len -> {
            try {
                channel.getLocalWindow().release(len);
            } catch (IOException e) {
                channel.close(true); // the connection is going away
            }
        }, () -> channel.close(false));
    }
}
