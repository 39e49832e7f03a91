package io.devws.sidecar.forward;

import io.devws.sidecar.unix.QueuedSocketWrites;
import io.devws.sidecar.unix.SocketChannels;
import io.devws.sidecar.unix.SocketEnd;
import io.devws.sidecar.unix.SocketPumps;
import io.devws.sidecar.unix.UnixSockets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;

/**
 * {@code direct-streamlocal@openssh.com} ({@code ssh -L port:/path/to.sock}): connects to a Unix socket where the
 * sessions run (the policy's {@link io.devws.sidecar.unix.SocketSpace}: the dev container, through the session host).
 */
final class DirectStreamLocalChannel extends AbstractServerChannel {
    static final String TYPE = "direct-streamlocal@openssh.com";

    private final ForwardingPolicy policy;
    private SocketEnd socket;
    private QueuedSocketWrites writes;

    DirectStreamLocalChannel(ForwardingPolicy policy) {
        super(TYPE, List.of(), null);
        this.policy = policy;
        addCloseFutureListener(f -> UnixSockets.closeQuietly(socket));
    }

    @Override
    public OpenFuture open(long recipient, long rwSize, long packetSize, Buffer buffer) {
        OpenFuture f = super.open(recipient, rwSize, packetSize, buffer);
        if (socket != null && f.getException() == null) {
            // only now: CHANNEL_OPEN_CONFIRMATION goes out on the SSH reader thread right after open() returns
            SocketPumps.toChannel("devws-streamlocal-" + getChannelId(), socket.input(),
                    new ChannelOutputStream(this, getRemoteWindow(), log, SshConstants.SSH_MSG_CHANNEL_DATA, true),
                    log, () -> close(false));
        }
        return f;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        String path = buffer.getString();
        if (!policy.canForwardStreamLocal()) {
            return failed("Unix socket forwarding is disabled");
        }
        try {
            socket = policy.sockets().connect(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return failed("cannot connect to " + path + ": " + e.getMessage());
        }
        return super.doInit(buffer);
    }

    private OpenFuture failed(String message) {
        return RefusedOpen.of(this, futureLock, message);
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        writes().write(data, off, (int) len);
    }

    /** Created on first use: the local window's size is known once the channel is open. */
    private synchronized QueuedSocketWrites writes() {
        if (writes == null) {
            writes = SocketChannels.writes(this, socket);
        }
        return writes;
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new UnsupportedOperationException(TYPE + " has no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        writes().shutdownOutput();
    }
}
