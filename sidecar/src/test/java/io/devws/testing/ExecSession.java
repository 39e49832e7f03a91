package io.devws.testing;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One exec over WebSocket {@code v4.channel.k8s.io} (on the Fabric8 mock server): output of the
 * local process goes out on channels 1 and 2, channel 0 feeds its stdin, channel 4 resizes its PTY,
 * and channel 3 carries the exit status before the close.
 *
 * <p>When the WebSocket closes first, the process is left running with its stdin open, as a pod's
 * process is when a {@code v4.channel.k8s.io} exec connection goes away (docs/kubernetes-quirks.md): the
 * process must end by itself. {@link ExecTestServer#close()} kills leftovers.
 */
final class ExecSession extends WebSocketListener implements ExecProcessBridge.Peer {
    private final ExecProcessBridge bridge;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile WebSocket socket;

    ExecSession(ExecRequest request, ExecTestServer server) {
        this.bridge = new ExecProcessBridge(request, server, this);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        socket = webSocket;
        bridge.start();
    }

    @Override
    public void output(int channel, byte[] data, int length) {
        if (open.get()) {
            socket.send(ExecFrames.encode(channel, data, 0, length));
        }
    }

    @Override
    public void exited(String statusJson) {
        if (open.get()) {
            byte[] bytes = statusJson.getBytes(StandardCharsets.UTF_8);
            socket.send(ExecFrames.encode(ExecFrames.STATUS, bytes, 0, bytes.length));
        }
        if (open.compareAndSet(true, false)) {
            socket.close(1000, "");
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] frame) {
        if (frame.length == 0) {
            return;
        }
        int channel = ExecFrames.channel(frame);
        if (channel == ExecFrames.STDIN && frame.length > 1) {
            bridge.stdin(Arrays.copyOfRange(frame, 1, frame.length));
        } else if (channel == ExecFrames.RESIZE) {
            bridge.resize(ExecFrames.payload(frame));
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        open.set(false);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        open.set(false);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        open.set(false);
    }
}
