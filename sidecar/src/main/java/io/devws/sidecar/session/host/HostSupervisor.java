package io.devws.sidecar.session.host;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the session host running (docs/session-host-runtime.md): at daemon start, and whenever the host is
 * found dead (a session's probe, or the periodic check after the dev container restarted), ONE start
 * exec runs, never on a session's path. When the start fails (no glibc, noexec volume, dev container
 * not running), it retries with a growing pause, so a workspace that cannot run the host costs one
 * exec every few minutes, and sessions meanwhile take the exec fallback. A session that arrives while a
 * start runs waits for it (at most {@link Timing#sessionWait()}): the host serves it a moment later, where
 * the fallback would cost an exec of its own and the Kubernetes client in the daemon.
 */
public final class HostSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostSupervisor.class);

    /** Timing of the periodic check, the retries after a failed start, and a session's wait for a running start. */
    public record Timing(Duration check, Duration firstRetry, Duration maxRetry, Duration sessionWait) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofSeconds(20));
    }

    private final HostProbe probe;
    private final HostStarter starter;
    private final Consumer<SessionPath> reporter;
    private final Timing timing;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "devws-host-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean startPending = new AtomicBoolean();
    private final Object startDone = new Object();
    private volatile SessionPath path = SessionPath.exec("the session host is starting");
    private volatile long nextAttemptNanos;
    private Duration retry;
    private int starts;

    public HostSupervisor(HostProbe probe, HostStarter starter, Consumer<SessionPath> reporter, Timing timing) {
        this.probe = probe;
        this.starter = starter;
        this.reporter = reporter;
        this.timing = timing;
        this.retry = timing.firstRetry();
    }

    /** Checks (and starts the host if needed) now, then periodically. */
    public HostSupervisor start() {
        requestStart();
        long every = timing.check().toMillis();
        worker.scheduleWithFixedDelay(this::periodic, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * For a new session: true when the host answers; otherwise a (re)start is requested, and while one runs the
     * session waits for it (at most {@link Timing#sessionWait()}).
     */
    public boolean hostAlive() {
        if (probe.alive()) {
            return true;
        }
        hostDead();
        return awaitStart() && probe.alive();
    }

    /** Waits while a start runs; false if it still runs after the session's wait. */
    private boolean awaitStart() {
        long deadline = System.nanoTime() + timing.sessionWait().toNanos();
        synchronized (startDone) {
            while (startPending.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(startDone, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** A session found the host dead (or it refused a session): start it again unless a retry pause is running. */
    public void hostDead() {
        if (System.nanoTime() - nextAttemptNanos >= 0) {
            requestStart();
        }
    }

    public SessionPath path() {
        return path;
    }

    /** How many start execs ran (the "one exec per dev-container start"). */
    public synchronized int starts() {
        return starts;
    }

    private void periodic() {
        if (!probe.alive()) {
            hostDead();
        } else if (!path.viaHost()) {
            report(SessionPath.host("the session host serves sessions"));
        }
    }

    private void requestStart() {
        if (startPending.compareAndSet(false, true)) {
            try {
                worker.execute(this::ensure);
            } catch (RejectedExecutionException e) {
                synchronized (startDone) {
                    startPending.set(false); // closed: the daemon is shutting down
                    startDone.notifyAll();
                }
            }
        }
    }

    private void ensure() {
        try {
            if (probe.alive()) {
                report(SessionPath.host("the session host serves sessions"));
                return;
            }
            Optional<String> failure;
            synchronized (this) {
                starts++;
            }
            LOG.info("starting the session host in the dev container");
            failure = starter.start();
            if (failure.isEmpty() && !probe.alive()) {
                failure = Optional.of("the session host started but its socket does not answer");
            }
            if (failure.isEmpty()) {
                retry = timing.firstRetry();
                nextAttemptNanos = System.nanoTime();
                report(SessionPath.host("the session host serves sessions"));
            } else {
                LOG.warn("the session host cannot run, sessions use one exec each: {} (next try in {} s)",
                        failure.get(), retry.toSeconds());
                nextAttemptNanos = System.nanoTime() + retry.toNanos();
                retry = retry.multipliedBy(2).compareTo(timing.maxRetry()) > 0 ? timing.maxRetry() : retry.multipliedBy(2);
                report(SessionPath.exec(failure.get()));
            }
        } catch (RuntimeException e) {
            LOG.warn("session host check failed: {}", e.toString());
        } finally {
            synchronized (startDone) {
                startPending.set(false);
                startDone.notifyAll();
            }
        }
    }

    private void report(SessionPath now) {
        SessionPath before = path;
        path = now;
        if (!now.equals(before)) {
            LOG.info("sessions now take the {} path: {}", now.path(), now.reason());
            try {
                reporter.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("cannot report the session path: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
