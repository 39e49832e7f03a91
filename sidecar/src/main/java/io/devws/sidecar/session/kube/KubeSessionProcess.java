package io.devws.sidecar.session.kube;

import io.devws.sidecar.session.SessionProcess;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One session process in the dev container, seen through its exec stream. */
final class KubeSessionProcess implements SessionProcess {
    private static final Logger LOG = LoggerFactory.getLogger(KubeSessionProcess.class);
    private static final long HANGUP_GRACE_SECONDS = 3;

    private final KubeSessionExecutor executor;
    private final String id;
    private final boolean pty;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private final AtomicReference<ExitStatus> firstStatus = new AtomicReference<>();
    private volatile ExecWatch watch;
    private volatile StdinStream stdin;

    KubeSessionProcess(KubeSessionExecutor executor, String id, boolean pty) {
        this.executor = executor;
        this.id = id;
        this.pty = pty;
    }

    ExecListener listener() {
        return new ExecListener() {
            @Override
            public void onExit(int code, Status status) {
                ended(ExitStatus.exited(code < 0 ? 255 : code));
            }

            @Override
            public void onFailure(Throwable t, Response response) {
                LOG.warn("session {} lost its exec stream: {}", id, t.toString());
                ended(ExitStatus.exited(255));
            }

            @Override
            public void onClose(int code, String reason) {
                // after onExit this changes nothing; before it, the stream ended without a status
                ended(ExitStatus.exited(255));
            }
        };
    }

    /**
     * Completes {@link #onExit()} off the WebSocket's event loop: callers drain the output streams
     * when it completes, and those streams are fed by that very event loop.
     */
    private void ended(ExitStatus status) {
        if (firstStatus.compareAndSet(null, status)) {
            CompletableFuture.runAsync(() -> exit.complete(status));
        }
    }

    void attach(ExecWatch watch) {
        this.watch = watch;
        this.stdin = new StdinStream(watch.getInput());
        if (!pty) {
            // the stdin relay outlives the command (v4 exec never closes its stdin): end it
            exit.whenComplete((s, t) -> inBackground("devws-stdin-end-" + id, () -> executor.dropStdin(id)));
        }
    }

    private static void inBackground(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The exec's stdin. Closing it cannot close the exec's stdin (WebSocket v4 has no half-close):
     * without a PTY it ends the session's stdin relay in the dev container once that relay passed
     * every byte on.
     */
    private final class StdinStream extends FilterOutputStream {
        private final AtomicLong written = new AtomicLong();
        private final AtomicBoolean closed = new AtomicBoolean();

        StdinStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written.addAndGet(len);
        }

        @Override
        public void close() throws IOException {
            flush();
            if (!pty && closed.compareAndSet(false, true) && !exit.isDone()) {
                long bytes = written.get();
                inBackground("devws-stdin-eof-" + id, () -> executor.endStdin(id, bytes));
            }
        }
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return watch.getOutput();
    }

    @Override
    public InputStream stderr() {
        return pty ? InputStream.nullInputStream() : watch.getError();
    }

    @Override
    public void resize(int columns, int rows) {
        if (pty && columns > 0 && rows > 0) {
            watch.resize(columns, rows);
        }
    }

    @Override
    public boolean signal(String name) {
        return !exit.isDone() && executor.signal(id, name);
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    /** Hangs the session up as sshd would (HUP, then KILL if it lingers) and closes its exec. */
    @Override
    public void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        if (!exit.isDone()) {
            inBackground("devws-hangup-" + id, this::hangUp);
        } else {
            close();
        }
    }

    private void hangUp() {
        try {
            executor.signal(id, "HUP");
            exit.get(HANGUP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            executor.signal(id, "KILL");
        } finally {
            close();
            exit.complete(ExitStatus.killedBy("HUP"));
        }
    }

    private void close() {
        ExecWatch w = watch;
        if (w != null) {
            w.close();
        }
    }
}
