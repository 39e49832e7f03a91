package io.devws.sidecar.server;

import io.devws.sidecar.config.ConnectionLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler.Result;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.SshServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session channel that takes only the client variables of the AcceptEnv-style list, and only so many of
 * them, so small ({@link ConnectionLimits}): anything else is refused as OpenSSH's sshd refuses it.
 */
final class LimitedChannelSession extends ChannelSession {
    private static final Logger LOG = LoggerFactory.getLogger(LimitedChannelSession.class);

    private final ConnectionLimits limits;
    private int taken;

    LimitedChannelSession(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Override
    protected Result handleEnvParsed(String name, String value) throws IOException {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
        if (!limits.acceptsEnv(name) || taken >= limits.maxEnv() || bytes > limits.maxEnvBytes()) {
            LOG.debug("refused client variable {} ({} bytes, {} taken)", name, bytes, taken);
            return Result.ReplyFailure;
        }
        taken++;
        return super.handleEnvParsed(name, value);
    }

    /** Puts this channel in place of MINA's plain session channel. */
    static void apply(SshServer sshd, ConnectionLimits limits) {
        ChannelFactory factory = new ChannelSessionFactory() {
            @Override
            public org.apache.sshd.common.channel.Channel createChannel(org.apache.sshd.common.session.Session session) {
                return new LimitedChannelSession(limits);
            }
        };
        List<ChannelFactory> channels = new ArrayList<>();
        for (ChannelFactory f : sshd.getChannelFactories()) {
            channels.add(f instanceof ChannelSessionFactory ? factory : f);
        }
        sshd.setChannelFactories(channels);
    }
}
