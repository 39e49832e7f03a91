package io.devws.sidecar.agent;

import io.devws.sidecar.unix.SocketBridgeChannel;
import io.devws.sidecar.unix.SocketEnd;
import io.devws.sidecar.unix.UnixSockets;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards one local agent-socket connection to a client over an {@code auth-agent@openssh.com} channel. */
final class AgentChannels {
    private static final Logger LOG = LoggerFactory.getLogger(AgentChannels.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);

    private AgentChannels() {
    }

    static void forward(ConnectionService service, SocketChannel socket) {
        try {
            SocketBridgeChannel channel = new SocketBridgeChannel(
                    CoreModuleProperties.PROXY_CHANNEL_TYPE.getRequiredDefault(), SocketEnd.of(socket), null);
            service.registerChannel(channel);
            channel.open().verify(OPEN_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            LOG.warn("agent forwarding to {} failed: {}", service.getSession(), e.toString());
            UnixSockets.closeQuietly(socket);
        }
    }
}
