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

    private boolean ended() {
        return firstStatus.get() != null;
    }

    void attach(ExecWatch watch) {
        this.watch = watch;
    }

    @Override
    public OutputStream stdin() {
        // v4 exec cannot forward EOF: closing must not close the exec (see KubeSessionExecutor)
        return new FilterOutputStream(watch.getInput()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                // one write is one WebSocket frame: keep frames within what API servers accept
                for (int done = 0; done < len; done += KubeSessionExecutor.STDIN_BUFFER) {
                    out.write(b, off + done, Math.min(KubeSessionExecutor.STDIN_BUFFER, len - done));
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    @Override
    public InputStream stdout() {
        return new ExecOutput(watch.getOutput(), this::ended);
    }

    @Override
    public InputStream stderr() {
        return pty ? InputStream.nullInputStream() : new ExecOutput(watch.getError(), this::ended);
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
            Thread t = new Thread(this::hangUp, "devws-hangup-" + id);
            t.setDaemon(true);
            t.start();
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
