package io.devws.sidecar.agent;

import io.devws.sidecar.unix.UnixSockets;
import io.devws.transport.io.Pump;
import io.devws.transport.stream.ChannelStreams;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import org.apache.sshd.agent.common.AbstractAgentClient;
import org.apache.sshd.agent.local.AgentImpl;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Answers on the stable socket while no SSH connection forwards an agent: an agent holding no
 * keys, so {@code ssh-add -l} prints "The agent has no identities." instead of a connection error.
 */
final class EmptyAgent extends AbstractAgentClient {
    private final SocketChannel socket;

    private EmptyAgent(SocketChannel socket) {
        super(new AgentImpl());
        this.socket = socket;
    }

    static void serve(SocketChannel socket) {
        Pump.start("devws-empty-agent", () -> {
            try (socket) {
                EmptyAgent agent = new EmptyAgent(socket);
                Pump.drain(ChannelStreams.in(socket), (buf, off, len) -> agent.messageReceived(new ByteArrayBuffer(buf, off, len)));
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    @Override
    protected void reply(Buffer buf) throws IOException {
        UnixSockets.writeFully(socket, buf.array(), buf.rpos(), buf.available());
    }
}
