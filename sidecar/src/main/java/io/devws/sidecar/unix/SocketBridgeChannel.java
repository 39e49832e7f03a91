package io.devws.sidecar.unix;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.AbstractClientChannel;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * A channel the server opens towards the client for one local socket connection, and pumps both
 * ways: {@code auth-agent@openssh.com} for an agent socket, {@code forwarded-streamlocal@openssh.com}
 * for {@code ssh -R /path:...}. {@code openExtra} appends type-specific fields to CHANNEL_OPEN. Bytes for the
 * socket never block the connection's reader thread ({@link QueuedSocketWrites}).
 */
public final class SocketBridgeChannel extends AbstractClientChannel {
    private final SocketEnd socket;
    private final Consumer<Buffer> openExtra;
    private QueuedSocketWrites writes;

    public SocketBridgeChannel(String type, SocketEnd socket, Consumer<Buffer> openExtra) {
        super(type);
        this.socket = socket;
        this.openExtra = openExtra;
        addCloseFutureListener(f -> UnixSockets.closeQuietly(socket));
    }

    @Override
    public synchronized OpenFuture open() throws IOException {
        if (openExtra == null) {
            return super.open();
        }
        Session session = getSession();
        if (closeFuture.isClosed()) {
            throw new SshException("Session has been closed");
        }
        openFuture = new DefaultOpenFuture(toString(), futureLock);
        LocalWindow w = getLocalWindow();
        Buffer b = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_OPEN, 64);
        b.putString(getChannelType());
        b.putUInt(getChannelId());
        b.putUInt(w.getSize());
        b.putUInt(w.getPacketSize());
        openExtra.accept(b);
        writePacket(b);
        return openFuture;
    }

    @Override
    protected void doOpen() throws IOException {
        invertedIn = new ChannelOutputStream(this, getRemoteWindow(), log, SshConstants.SSH_MSG_CHANNEL_DATA, true);
        SocketPumps.toChannel("devws-bridge-" + getChannelType() + "-" + getChannelId(), socket.input(), invertedIn, log,
                () -> close(false));
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        writes().write(data, off, (int) len);
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        writes().shutdownOutput();
    }

    /** Created on first use: the local window's size is known once the channel is open. */
    private synchronized QueuedSocketWrites writes() {
        if (writes == null) {
            writes = SocketChannels.writes(this, socket);
        }
        return writes;
    }
}
