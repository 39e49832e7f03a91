package io.devws.sidecar.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** {@code direct-streamlocal@openssh.com} ({@code ssh -L port:/path/to.sock}): connects to a Unix socket here. */
final class DirectStreamLocalChannel extends AbstractServerChannel {
    static final String TYPE = "direct-streamlocal@openssh.com";

    private final ForwardingPolicy policy;
    private final CountDownLatch opened = new CountDownLatch(1);
    private Socket socket;
    private OutputStream toClient;

    DirectStreamLocalChannel(ForwardingPolicy policy) {
        super(TYPE, java.util.List.of(), null);
        this.policy = policy;
        addCloseFutureListener(f -> closeSocket());
    }

    @Override
    public OpenFuture open(long recipient, long rwSize, long packetSize, Buffer buffer) {
        OpenFuture f = super.open(recipient, rwSize, packetSize, buffer);
        opened.countDown();
        return f;
    }

    @Override
    protected OpenFuture doInit(Buffer buffer) {
        String path = buffer.getString();
        if (!policy.canForwardStreamLocal()) {
            return failed("Unix socket forwarding is disabled");
        }
        try {
            socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(new java.io.File(path)));
        } catch (IOException e) {
            return failed("cannot connect to " + path + ": " + e.getMessage());
        }
        toClient = new ChannelOutputStream(this, getRemoteWindow(), log, SshConstants.SSH_MSG_CHANNEL_DATA, true);
        Thread t = new Thread(this::pumpSocketToClient, "devws-streamlocal-" + getChannelId());
        t.setDaemon(true);
        t.start();
        return super.doInit(buffer);
    }

    private OpenFuture failed(String message) {
        DefaultOpenFuture f = new DefaultOpenFuture(this, futureLock);
        f.setException(new java.net.ConnectException(message));
        return f;
    }

    private void pumpSocketToClient() {
        byte[] buf = new byte[32 * 1024];
        try (InputStream in = socket.getInputStream()) {
            // CHANNEL_OPEN_CONFIRMATION goes out on the SSH reader thread right after open() returns
            opened.await();
            int n;
            while ((n = in.read(buf)) >= 0) {
                toClient.write(buf, 0, n);
                toClient.flush();
            }
            toClient.close();
        } catch (IOException e) {
            log.debug("streamlocal pump ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(false);
    }

    @Override
    protected void doWriteData(byte[] data, int off, long len) throws IOException {
        getLocalWindow().release(len);
        socket.getOutputStream().write(data, off, (int) len);
    }

    @Override
    protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
        throw new UnsupportedOperationException(TYPE + " has no extended data");
    }

    @Override
    public void handleEof() throws IOException {
        super.handleEof();
        socket.shutdownOutput();
    }

    private void closeSocket() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
