package io.devws.transport.exec;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code pods/exec} stream ({@code v4.channel.k8s.io}) on the Fabric8 client's own WebSocket,
 * for the two long-lived byte pipes of devws: the CLI's tunnel and the sidecar's sessions.
 *
 * <p>Why not {@code client.pods()...exec()}: Fabric8 7.5 first waits for the pod to be Ready with
 * an informer (a LIST and a WATCH of pods) before every exec. That costs round trips on every
 * {@code ssh} start, and the sidecar's ServiceAccount may not list pods at all (each session then
 * logged a 403). Callers here already know the pod is there. This class also reads ahead further
 * than Fabric8's 32 KiB and bounds what a writer may queue, so a fast writer cannot pile up
 * megabytes in front of a slow link.
 */
public final class PodExec implements ExecWatch, WebSocket.Listener {
    /** The exec protocol spoken: binary messages, each a channel byte then the payload. */
    public static final String PROTOCOL = "v4.channel.k8s.io";
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

    private final KubernetesSerialization serialization;
    private final ExecListener listener;
    private final OutputStream stderrSink;
    private final ChannelInput stdout;
    private final ChannelInput stderr;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private final Stdin stdin = new Stdin();
    private volatile WebSocket socket;

    private PodExec(KubernetesSerialization serialization, ExecSpec spec, OutputStream stderrSink, ExecListener listener) {
        this.serialization = serialization;
        this.listener = listener != null ? listener : (code, reason) -> { };
        this.stderrSink = stderrSink;
        this.stdout = new ChannelInput(READ_AHEAD, this::request);
        this.stderr = spec.stderr() && stderrSink == null ? new ChannelInput(READ_AHEAD, this::request) : null;
    }

    /**
     * Opens the exec and returns once the WebSocket is up.
     *
     * @param stderrSink where stderr goes as it arrives (small writes on the WebSocket's thread), or
     *                   null to read it from {@link #getError()}
     * @throws KubernetesClientException with the HTTP status when the API server refuses (403: no
     *                                   {@code pods/exec} rights; 404: no such pod; 400: no such container)
     */
    public static ExecWatch open(KubernetesClient client, ExecSpec spec, OutputStream stderrSink, ExecListener listener) {
        PodExec exec = new PodExec(client.getKubernetesSerialization(), spec, stderrSink, listener);
        long timeout = Math.max(1000, client.getConfiguration().getRequestTimeout());
        CompletableFuture<WebSocket> started = client.getHttpClient().newWebSocketBuilder()
                .subprotocol(PROTOCOL)
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

    /** The process's exit code from the status channel's message (kubectl's reading of it). */
    static int exitCode(Status status) {
        if (status == null) {
            return -1;
        }
        if ("Success".equals(status.getStatus())) {
            return 0;
        }
        if ("NonZeroExitCode".equals(status.getReason()) && status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                if ("ExitCode".equals(cause.getReason())) {
                    try {
                        return Integer.parseInt(cause.getMessage().trim());
                    } catch (RuntimeException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    // --- WebSocket.Listener (called on the client's event loop: never block here) ---

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        listener.onOpen();
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
        Status status;
        try {
            status = serialization.unmarshal(json, Status.class);
        } catch (RuntimeException e) {
            status = null;
        }
        int code = exitCode(status);
        endStreams(null);
        if (exit.complete(code)) {
            listener.onExit(code, status);
        }
    }

    @Override
    public void onClose(WebSocket webSocket, int code, String reason) {
        endStreams(null);
        exit.complete(null);
        if (closeReported.compareAndSet(false, true)) {
            listener.onClose(code, reason);
        }
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        IOException broken = error instanceof IOException io ? io : new IOException(error);
        endStreams(broken);
        if (exit.completeExceptionally(error) && closeReported.compareAndSet(false, true)) {
            listener.onFailure(error, null);
        }
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

    // --- ExecWatch ---

    @Override
    public OutputStream getInput() {
        return stdin;
    }

    @Override
    public InputStream getOutput() {
        return stdout;
    }

    /** Stderr, when it has its own channel and no sink was given; else null. */
    @Override
    public InputStream getError() {
        return stderr;
    }

    @Override
    public InputStream getErrorChannel() {
        return null;
    }

    @Override
    public void resize(int cols, int rows) {
        if (cols > 0 && rows > 0) {
            byte[] size = ("{\"Width\":" + cols + ",\"Height\":" + rows + "}").getBytes(StandardCharsets.UTF_8);
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
    public CompletableFuture<Integer> exitCode() {
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

    /** Stdin in frames of {@link #FRAME}; waits while {@link #SEND_QUEUE} bytes are queued. No half-close in v4. */
    private final class Stdin extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
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
