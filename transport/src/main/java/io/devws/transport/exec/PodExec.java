package io.devws.transport.exec;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code pods/exec} stream over the Fabric8 client's own WebSocket: {@code v5.channel.k8s.io}
 * (with the stdin CLOSE message) or {@code v4.channel.k8s.io} (without any stdin half-close).
 * Opened by {@link ExecClient}, which negotiates between these and SPDY.
 *
 * <p>Why not {@code client.pods()...exec()}: Fabric8 7.5 first waits for the pod to be Ready with
 * an informer (a LIST and a WATCH of pods) before every exec. That costs round trips on every
 * {@code ssh} start, and the sidecar's ServiceAccount may not list pods at all (each session then
 * logged a 403). Callers here already know the pod is there. This class also reads ahead further
 * than Fabric8's 32 KiB and bounds what a writer may queue, so a fast writer cannot pile up
 * megabytes in front of a slow link.
 */
public final class PodExec implements ExecStream, WebSocket.Listener {
    /** The v4 protocol: binary messages, each a channel byte then the payload. */
    public static final String PROTOCOL = ExecProtocol.WEBSOCKET_V4.version();
    /** Stdin payload per WebSocket frame (API servers and test servers take 64 KiB frames). */
    static final int FRAME = 32 * 1024;
    /** Read-ahead per output channel before the WebSocket is paused. */
    static final long READ_AHEAD = 256 * 1024;
    /**
     * Bytes a writer may have queued in the WebSocket before it waits: enough to keep a fast link
     * busy, small enough that many sessions in one sidecar do not hold megabytes each.
     */
    static final long SEND_QUEUE = 512 * 1024;

    private static final byte STDIN = 0;
    private static final byte STDOUT = 1;
    private static final byte STDERR = 2;
    private static final byte STATUS = 3;
    private static final byte RESIZE = 4;
    /** v5 only: a message {@code [255, channel]} closes that channel (stdin: the process reads EOF). */
    private static final byte CLOSE = (byte) 255;

    private final KubernetesSerialization serialization;
    private final ExecProtocol protocol;
    private final OutputStream stderrSink;
    private final ChannelInput stdout;
    private final ChannelInput stderr;
    private final CompletableFuture<ExecExit> exit = new CompletableFuture<>();
    private final Stdin stdin = new Stdin();
    private volatile WebSocket socket;

    private PodExec(KubernetesSerialization serialization, ExecProtocol protocol, ExecSpec spec, OutputStream stderrSink) {
        this.serialization = serialization;
        this.protocol = protocol;
        this.stderrSink = stderrSink;
        this.stdout = new ChannelInput(READ_AHEAD, this::request);
        this.stderr = spec.stderr() && stderrSink == null ? new ChannelInput(READ_AHEAD, this::request) : null;
    }

    /**
     * Opens the exec and returns once the WebSocket is up.
     *
     * @param protocol   {@link ExecProtocol#WEBSOCKET_V5} or {@link ExecProtocol#WEBSOCKET_V4}
     * @param stderrSink where stderr goes as it arrives (small writes on the WebSocket's thread), or
     *                   null to read it from {@link #stderr()}
     * @throws KubernetesClientException with the HTTP status when the server refuses (403: no
     *                                   {@code pods/exec} rights; 404: no such pod; 400: no such container),
     *                                   code 0 when no answer came
     */
    static PodExec open(KubernetesClient client, ExecProtocol protocol, ExecSpec spec, OutputStream stderrSink) {
        if (protocol == ExecProtocol.SPDY) {
            throw new IllegalArgumentException("SPDY is not a WebSocket protocol");
        }
        PodExec exec = new PodExec(client.getKubernetesSerialization(), protocol, spec, stderrSink);
        long timeout = Math.max(1000, client.getConfiguration().getRequestTimeout());
        CompletableFuture<WebSocket> started = client.getHttpClient().newWebSocketBuilder()
                .subprotocol(protocol.version())
                .uri(spec.uri(client.getMasterUrl()))
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .buildAsync(exec);
        try {
            started.get(timeout, TimeUnit.MILLISECONDS);
            return exec;
        } catch (ExecutionException e) {
            throw refused(e.getCause(), spec);
        } catch (TimeoutException e) {
            started.cancel(true);
            throw new KubernetesClientException("no answer from the API server within " + timeout + " ms to an exec into pod "
                    + spec.pod(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while opening an exec", e);
        }
    }

    private static KubernetesClientException refused(Throwable t, ExecSpec spec) {
        if (t instanceof KubernetesClientException k) {
            return k;
        }
        int code = t instanceof WebSocketHandshakeException h && h.getResponse() != null ? h.getResponse().code() : 0;
        String what = "exec into container " + spec.container() + " of pod " + spec.pod() + " in namespace " + spec.namespace();
        return new KubernetesClientException(code > 0 ? what + ": HTTP " + code : what + ": " + t, code, null);
    }

    // --- WebSocket.Listener (called on the client's event loop: never block here) ---

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteBuffer bytes) {
        if (!bytes.hasRemaining()) {
            webSocket.request();
            return;
        }
        byte channel = bytes.get();
        ByteBuffer data = bytes.slice();
        boolean more = true;
        if (channel == STDOUT) {
            more = stdout.offer(data);
        } else if (channel == STDERR && stderr != null) {
            more = stderr.offer(data);
        } else if (channel == STDERR && stderrSink != null) {
            writeStderr(data);
        } else if (channel == STATUS) {
            exited(StandardCharsets.UTF_8.decode(data).toString());
        }
        if (more) {
            webSocket.request();
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        onMessage(webSocket, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void writeStderr(ByteBuffer data) {
        try {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            stderrSink.write(b);
            stderrSink.flush();
        } catch (IOException e) {
            // the caller's stderr is gone: nothing to tell it
        }
    }

    private void exited(String json) {
        endStreams(null);
        exit.complete(ExecStatus.parse(serialization, json));
    }

    @Override
    public void onClose(WebSocket webSocket, int code, String reason) {
        endStreams(null);
        exit.completeExceptionally(new IOException("the exec stream closed (" + code
                + (reason == null || reason.isBlank() ? "" : " " + reason) + ") before the exit status came"));
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        IOException broken = error instanceof IOException io ? io : new IOException(error);
        endStreams(broken);
        exit.completeExceptionally(broken);
    }

    private void endStreams(IOException failure) {
        for (ChannelInput in : new ChannelInput[] {stdout, stderr}) {
            if (in != null) {
                if (failure != null) {
                    in.fail(failure);
                } else {
                    in.end();
                }
            }
        }
    }

    private void request() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.request();
        }
    }

    // --- ExecStream ---

    @Override
    public ExecProtocol protocol() {
        return protocol;
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public void resize(int cols, int rows) {
        if (cols > 0 && rows > 0) {
            byte[] size = ExecProtocol.terminalSize(cols, rows);
            send(RESIZE, size, 0, size.length);
        }
    }

    /** One v4 frame: the channel byte, then {@code len} bytes of {@code b}; false once the WebSocket is closed. */
    private boolean send(byte channel, byte[] b, int off, int len) {
        WebSocket ws = socket;
        return ws != null && ws.send(ByteBuffer.wrap(frame(channel, b, off, len)));
    }

    /** One {@link #PROTOCOL} message: the channel byte, then {@code len} bytes of {@code b} from {@code off}. */
    public static byte[] frame(int channel, byte[] b, int off, int len) {
        byte[] frame = new byte[len + 1];
        frame[0] = (byte) channel;
        System.arraycopy(b, off, frame, 1, len);
        return frame;
    }

    @Override
    public CompletableFuture<ExecExit> exit() {
        return exit;
    }

    /** Closes the WebSocket (the server then ends the process's streams); readers see EOF at once. */
    @Override
    public void close() {
        endStreams(null);
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(1000, "closed by devws");
        }
    }

    /**
     * Stdin in frames of {@link #FRAME}; waits while {@link #SEND_QUEUE} bytes are queued. Closing
     * it sends v5's CLOSE for channel 0; v4 has no half-close.
     */
    private final class Stdin extends OutputStream {
        private boolean closed;

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                if (protocol.halfClose()) {
                    send(CLOSE, new byte[] {STDIN}, 0, 1);
                }
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stdin is closed");
            }
            WebSocket ws = socket;
            for (int done = 0; done < len; ) {
                int n = Math.min(FRAME, len - done);
                awaitRoom(ws);
                if (!send(STDIN, b, off + done, n)) {
                    throw new IOException("the exec stream is closed");
                }
                done += n;
            }
        }

        private void awaitRoom(WebSocket ws) throws IOException {
            while (ws.queueSize() > SEND_QUEUE) {
                if (exit.isDone()) {
                    throw new IOException("the exec stream is closed");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
        }
    }
}
