package io.devws.sidecar.activity;

import io.devws.sidecar.server.ActivityProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Looks at the daemon's activity every {@code tick} and reports per {@link ReportPolicy}; a failed report is retried next tick. */
final class ActivityLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityLoop.class);

    private final ActivityProbe probe;
    private final ReportPolicy policy;
    private final Consumer<Instant> report;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "devws-activity");
        t.setDaemon(true);
        return t;
    });
    private long lastBytes;
    private Instant lastReport;

    ActivityLoop(ActivityProbe probe, ReportPolicy policy, Consumer<Instant> report, Clock clock) {
        this.probe = probe;
        this.policy = policy;
        this.report = report;
        this.clock = clock;
        this.lastBytes = probe.bytesTransferred();
    }

    ActivityLoop start(Duration tick) {
        timer.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One look: report if active and due. Package-private for tests. */
    synchronized void tick() {
        long bytes = probe.bytesTransferred();
        boolean active = probe.openConnections() > 0 || bytes != lastBytes;
        lastBytes = bytes;
        Instant now = clock.instant();
        if (policy.shouldReport(active, now, lastReport)) {
            try {
                report.accept(now);
                lastReport = now;
            } catch (RuntimeException e) {
                LOG.warn("cannot report activity: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
