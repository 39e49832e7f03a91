package io.devws.sidecar.session;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * Creates its executor on the first session: the exec fallback's Kubernetes client is loaded only when a session
 * needs it, not in every daemon (docs/benchmarks-sidecar.md). For executors with the default sockets and uid.
 */
public final class LazySessionExecutor implements SessionExecutor {
    private final Supplier<? extends SessionExecutor> factory;
    private SessionExecutor created;
    private boolean closed;

    public LazySessionExecutor(Supplier<? extends SessionExecutor> factory) {
        this.factory = factory;
    }

    @Override
    public SessionProcess start(ProcessSpec spec) throws IOException {
        return executor().start(spec);
    }

    private synchronized SessionExecutor executor() throws IOException {
        if (closed) {
            throw new IOException("the server is shutting down");
        }
        if (created == null) {
            try {
                created = factory.get();
            } catch (RuntimeException e) {
                throw new IOException("cannot set up the session executor: " + e.getMessage(), e);
            }
        }
        return created;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (created != null) {
            created.close();
        }
    }
}
