package io.devws.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The local ssh-agent ({@code SSH_AUTH_SOCK}) as a MINA {@code SshAgent}: MINA's agent-forwarding
 * channel decodes the workspace's requests and calls this, which asks the real agent over its
 * Unix socket (JDK Unix-domain sockets; MINA's own Unix agent needs Tomcat APR).
 */
public final class UnixSocketAgent extends AbstractAgentProxy {
    private final SocketChannel channel;

    private UnixSocketAgent(SocketChannel channel) {
        super(null);
        this.channel = channel;
    }

    public static UnixSocketAgent connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to the ssh-agent at " + socket + ": " + e.getMessage(), e);
        }
        return new UnixSocketAgent(ch);
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        channel.write(ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available()));
        ByteBuffer length = ByteBuffer.allocate(4);
        readFully(length);
        ByteBuffer body = ByteBuffer.allocate(length.flip().getInt());
        readFully(body);
        return new ByteArrayBuffer(body.array());
    }

    private void readFully(ByteBuffer target) throws IOException {
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                throw new EOFException("the ssh-agent closed the connection");
            }
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
