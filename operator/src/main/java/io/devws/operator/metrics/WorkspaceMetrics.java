package io.devws.operator.metrics;

import io.devws.model.DevWorkspace;
import io.devws.model.Phase;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * devws' own meters (the Operator SDK adds its generic ones): reconciles by outcome and their
 * duration, and workspaces by phase, counted from the operator's cache so deletions need no hook.
 */
@ApplicationScoped
public class WorkspaceMetrics {
    private final MeterRegistry registry;
    private final AtomicReference<IndexedResourceCache<DevWorkspace>> cache = new AtomicReference<>();
    private final Timer duration;

    public WorkspaceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("devws.reconcile.duration").description("Time spent in one reconcile").register(registry);
        for (Phase phase : Phase.values()) {
            Gauge.builder("devws.workspaces", () -> count(phase)).tag("phase", phase.name())
                    .description("DevWorkspaces by status.phase").register(registry);
        }
    }

    public void watch(IndexedResourceCache<DevWorkspace> primaryCache) {
        cache.compareAndSet(null, primaryCache);
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void finished(Timer.Sample sample, String outcome) {
        sample.stop(duration);
        Counter.builder("devws.reconciles").tag("outcome", outcome).description("Reconciles by outcome").register(registry).increment();
    }

    private double count(Phase phase) {
        var c = cache.get();
        return c == null ? 0 : c.list().filter(ws -> ws.getStatus() != null && ws.getStatus().getPhase() == phase).count();
    }
}
