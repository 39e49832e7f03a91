package io.devws.sidecar.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.devws.sidecar.forward.RefusedOpen;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.AbstractServerChannel;

/**
 * Channels open at once on one connection. A client's channel open past the limit gets an open failure
 * ("too many channels"), and the connection lives: MINA's own limit throws out of the connection's
 * reader and ends the whole connection, so it stays only as a backstop a little higher, for the channels
 * the server opens itself (agent connections, {@code -R} connections), whose code handles that refusal.
 */
final class ChannelLimit {
    /** Room for server-opened channels racing a client's open between our count and MINA's. */
    private static final int BACKSTOP_SLACK = 8;

    private ChannelLimit() {
    }

    static void apply(SshServer sshd, int max) {
        CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(sshd, max + BACKSTOP_SLACK);
        List<ChannelFactory> limited = new ArrayList<>();
        for (ChannelFactory f : sshd.getChannelFactories()) {
            limited.add(new ChannelFactory() {
                @Override
                public String getName() {
                    return f.getName();
                }

                @Override
                public Channel createChannel(Session session) throws IOException {
                    return open(session) >= max ? new Refused(f.getName(), max) : f.createChannel(session);
                }
            });
        }
        sshd.setChannelFactories(limited);
    }

    private static int open(Session session) {
        return session.getService(AbstractConnectionService.class).getChannels().size();
    }

    /** Answers the open with a failure, and is gone. */
    private static final class Refused extends AbstractServerChannel {
        private final int max;

        Refused(String type, int max) {
            super(type, List.of(), null);
            this.max = max;
        }

        @Override
        protected OpenFuture doInit(Buffer buffer) {
            return RefusedOpen.of(this, futureLock, "too many channels on this connection (at most " + max
                    + ", DEVWS_MAX_CHANNELS)");
        }

        @Override
        protected void doWriteData(byte[] data, int off, long len) throws IOException {
            throw new IOException("refused channel");
        }

        @Override
        protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
            throw new IOException("refused channel");
        }
    }
}
