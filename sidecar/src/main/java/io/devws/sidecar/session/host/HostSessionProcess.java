package io.devws.sidecar.session.host;

import io.devws.host.client.HostSession;
import io.devws.host.protocol.ExitInfo;
import io.devws.sidecar.session.SessionProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** A session on the host, as the SSH side sees sessions. */
final class HostSessionProcess implements SessionProcess {
    private final HostSession session;
    private final OutputStream stdin;
    private final CompletableFuture<ExitStatus> exit;

    HostSessionProcess(HostSession session) {
        this.session = session;
        this.stdin = session.stdin();
        this.exit = session.exit().thenApply(HostSessionProcess::status);
        // the host hangs up the session's process group when its connection closes
        exit.whenComplete((s, e) -> session.close());
    }

    private static ExitStatus status(ExitInfo e) {
        return e.signal() == null ? ExitStatus.exited(e.code()) : new ExitStatus(e.code(), e.signal());
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return session.stdout();
    }

    @Override
    public InputStream stderr() {
        return session.stderr();
    }

    @Override
    public void resize(int columns, int rows) {
        try {
            session.resize(columns, rows);
        } catch (IOException e) {
            // the session is ending
        }
    }

    @Override
    public boolean signal(String name) {
        try {
            session.signal(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit;
    }

    @Override
    public void destroy() {
        session.close();
    }
}
