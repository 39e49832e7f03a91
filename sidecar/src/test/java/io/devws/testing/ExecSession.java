package io.devws.testing;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One exec WebSocket: the server side of the kubelet's streaming protocol. Output of the local
 * process goes out on channels 1 and 2 (read on dedicated threads), channel 0 feeds its stdin,
 * channel 4 resizes its PTY, and channel 3 carries the exit status before the close.
 *
 * <p>When the WebSocket closes first, the process is left running with its stdin open, as a pod's
 * process is when a {@code v4.channel.k8s.io} exec connection goes away (docs/kubernetes-quirks.md): the
 * process must end by itself. {@link ExecTestServer#close()} kills leftovers.
 */
final class ExecSession extends WebSocketListener {
    private static final int BUFFER = 64 * 1024;

    private final ExecRequest request;
    private final ExecTestServer server;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile LocalProcess process;
    private volatile WebSocket socket;
    private final java.util.concurrent.LinkedBlockingQueue<byte[]> stdinQueue = new java.util.concurrent.LinkedBlockingQueue<>();
    private Thread stdinWriter;

    ExecSession(ExecRequest request, ExecTestServer server) {
        this.request = request;
        this.server = server;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        socket = webSocket;
        try {
            process = server.startProcess(request);
        } catch (IOException e) {
            sendText(ExecFrames.STATUS, ExecFrames.internalError("failed to exec in container: " + e.getMessage()));
            close();
            return;
        }
        CountDownLatch drained = new CountDownLatch(process.stderr() == null ? 1 : 2);
        pump(process.stdout(), ExecFrames.STDOUT, drained);
        if (process.stderr() != null) {
            pump(process.stderr(), ExecFrames.STDERR, drained);
        }
        Thread waiter = new Thread(() -> finish(drained), "exec-wait-" + process.pid());
        waiter.setDaemon(true);
        waiter.start();
    }

    private void pump(InputStream in, int channel, CountDownLatch drained) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[BUFFER];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0 && open.get()) {
                        socket.send(ExecFrames.encode(channel, buf, 0, n));
                    }
                }
            } catch (IOException e) {
                // a PTY read fails with EIO once the process is gone: that is its end of output
            } finally {
                drained.countDown();
            }
        }, "exec-out" + channel + "-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    private void finish(CountDownLatch drained) {
        try {
            int code = process.waitFor();
            drained.await(5, TimeUnit.SECONDS);
            sendText(ExecFrames.STATUS, ExecFrames.exitStatus(code));
            close();
            if (stdinWriter != null) {
                stdinWriter.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendText(int channel, String json) {
        if (open.get()) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            socket.send(ExecFrames.encode(channel, bytes, 0, bytes.length));
        }
    }

    private void close() {
        if (open.compareAndSet(true, false)) {
            socket.close(1000, "");
        }
    }

    /**
     * Runs on the server's event loop, which also serves every other request: stdin goes to a
     * queue drained by its own thread, so a process slow to read never stalls the API server.
     */
    @Override
    public void onMessage(WebSocket webSocket, byte[] frame) {
        if (frame.length == 0 || process == null) {
            return;
        }
        int channel = ExecFrames.channel(frame);
        if (channel == ExecFrames.STDIN && frame.length > 1) {
            if (stdinWriter == null) {
                stdinWriter = startStdinWriter();
            }
            stdinQueue.add(ExecFrames.payload(frame));
        } else if (channel == ExecFrames.RESIZE) {
            int[] size = ExecFrames.resize(ExecFrames.payload(frame));
            process.resize(size[0], size[1]);
        }
    }

    private Thread startStdinWriter() {
        Thread t = new Thread(() -> {
            OutputStream stdin = process.stdin();
            try {
                while (true) {
                    byte[] data = stdinQueue.take();
                    // a whole array: pty4j's PTYOutputStream mishandles a non-zero offset
                    stdin.write(data);
                    stdin.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the process closed its stdin or ended; its exit status follows
            }
        }, "exec-stdin-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
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
