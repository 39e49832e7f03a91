package io.devws.sidecar.session.kube;

import io.devws.sidecar.session.SessionProcess;
import io.devws.transport.exec.ExecExit;
import io.devws.transport.exec.ExecStream;
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
    private volatile ExecStream watch;
    private volatile StdinStream stdin;
    /** Whether stdin EOF needs the helper exec that ends the session's relay (WebSocket v4 has no half-close). */
    private volatile boolean eofByHelper;

    KubeSessionProcess(KubeSessionExecutor executor, String id, boolean pty) {
        this.executor = executor;
        this.id = id;
        this.pty = pty;
    }

    private void execEnded(ExecExit exit, Throwable failure) {
        if (failure != null) {
            LOG.warn("session {} lost its exec stream: {}", id, failure.toString());
            ended(ExitStatus.exited(255));
        } else {
            ended(ExitStatus.exited(exit.code() < 0 ? 255 : exit.code()));
        }
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

    void attach(ExecStream stream) {
        this.watch = stream;
        this.eofByHelper = !pty && !stream.protocol().halfClose();
        this.stdin = new StdinStream(stream.stdin());
        stream.exit().whenComplete(this::execEnded);
        if (eofByHelper) {
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
     * The exec's stdin. Without a PTY, closing it half-closes the exec's stdin (the session's relay
     * then reads EOF); on WebSocket v4, which cannot, it ends the relay by a helper exec once the
     * relay passed every byte on.
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
            if (pty || !closed.compareAndSet(false, true) || exit.isDone()) {
                return;
            }
            if (eofByHelper) {
                long bytes = written.get();
                inBackground("devws-stdin-eof-" + id, () -> executor.endStdin(id, bytes));
            } else {
                out.close();
            }
        }
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return watch.stdout();
    }

    @Override
    public InputStream stderr() {
        return pty ? InputStream.nullInputStream() : watch.stderr();
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
        ExecStream w = watch;
        if (w != null) {
            w.close();
        }
    }
}
