package io.devws.operator.reconciler;

import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.operator.config.OperatorConfig;
import io.devws.operator.dependent.ActivityLeaseDependent;
import io.devws.operator.dependent.HostKeySecretDependent;
import io.devws.operator.dependent.PersistentStorageCondition;
import io.devws.operator.dependent.PodDependent;
import io.devws.operator.dependent.RoleBindingDependent;
import io.devws.operator.dependent.RoleDependent;
import io.devws.operator.dependent.RunningCondition;
import io.devws.operator.dependent.SecretOptIn;
import io.devws.operator.dependent.ServiceAccountDependent;
import io.devws.operator.dependent.StorageDependent;
import io.devws.operator.dependent.ValidNameCondition;
import io.devws.operator.events.EventRecorder;
import io.devws.operator.events.Transitions;
import io.devws.operator.metrics.WorkspaceMetrics;
import io.devws.operator.model.WorkspacePolicy;
import io.devws.operator.status.Failure;
import io.devws.operator.status.FailureStatus;
import io.devws.operator.status.IdlePolicy;
import io.devws.operator.status.Observed;
import io.devws.operator.status.StatusCalculator;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Orchestrates one DevWorkspace: the dependents create the objects; this class reads what exists,
 * applies the idle policy and writes the status computed by pure code.
 */
@Workflow(dependents = {
    @Dependent(name = "hostkey", type = HostKeySecretDependent.class, reconcilePrecondition = ValidNameCondition.class),
    @Dependent(name = "storage", type = StorageDependent.class, reconcilePrecondition = PersistentStorageCondition.class),
    @Dependent(name = "serviceaccount", type = ServiceAccountDependent.class, reconcilePrecondition = ValidNameCondition.class),
    @Dependent(name = "role", type = RoleDependent.class, reconcilePrecondition = ValidNameCondition.class),
    // a RoleBinding to a Role that does not exist yet is refused by RBAC escalation checks (NotFound, then a retry)
    @Dependent(name = "rolebinding", type = RoleBindingDependent.class, reconcilePrecondition = ValidNameCondition.class,
            dependsOn = "role"),
    // the sidecar's activity Lease lives as long as the pod and exists before it, for its first report
    @Dependent(name = "activitylease", type = ActivityLeaseDependent.class, reconcilePrecondition = RunningCondition.class),
    // no dependency on storage: its precondition is false for ephemeral workspaces, which would delete the pod
    @Dependent(name = "pod", type = PodDependent.class, reconcilePrecondition = RunningCondition.class,
            dependsOn = {"hostkey", "serviceaccount", "activitylease"})
})
@ControllerConfiguration(name = DevWorkspaceReconciler.NAME)
@GradualRetry(maxAttempts = 6, initialInterval = 2000, intervalMultiplier = 2.0, maxInterval = 60_000)
public class DevWorkspaceReconciler implements Reconciler<DevWorkspace> {
    public static final String NAME = "devworkspace";
    private static final Logger LOG = Logger.getLogger(DevWorkspaceReconciler.class);

    private final OperatorConfig config;
    private final WorkspaceMetrics metrics;
    private final EventRecorder events;
    private final Clock clock;

    public DevWorkspaceReconciler(OperatorConfig config, WorkspaceMetrics metrics, EventRecorder events) {
        this.config = config;
        this.metrics = metrics;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    @Override
    public UpdateControl<DevWorkspace> reconcile(DevWorkspace ws, Context<DevWorkspace> context) {
        var sample = metrics.start();
        metrics.watch(context.getPrimaryCache());
        Instant now = clock.instant();
        Observed observed = new Observed(ws, context.getSecondaryResource(PersistentVolumeClaim.class),
                context.getSecondaryResource(Secret.class), context.getSecondaryResource(Pod.class),
                context.getSecondaryResource(Lease.class),
                ws.getSpec().started() ? WorkspacePolicy.problem(ws, SecretOptIn.of(context.getClient(), ws)) : Optional.empty());

        IdlePolicy.Verdict idle = IdlePolicy.evaluate(ws.getSpec(), observed.pod(), observed.activityLease(), now);
        if (idle.idle()) {
            LOG.infof("stopping %s/%s: no SSH activity for %s", ws.getMetadata().getNamespace(), ws.getMetadata().getName(),
                    ws.getSpec().getIdleTimeout());
            // first record what this reconcile saw, the last activity among it: it came from the Lease
            // the stop removes, so the next reconcile may not find it. Before the stop, not after: a
            // status patch from this object would then be stale (the mock API server applies status
            // patches to the whole object and would undo the stop)
            DevWorkspaceStatus seen = StatusCalculator.compute(observed, now, config.progressTimeout()).status();
            if (!seen.equals(ws.getStatus())) {
                context.getClient().resource(withStatus(ws, seen)).patchStatus();
            }
            IdleStopper.stop(context.getClient(), ws);
            // the spec change triggers the next reconcile, which computes the Stopped status
            metrics.finished(sample, "ok");
            return UpdateControl.noUpdate();
        } else {
            IdleStopper.forgetIfStarted(context.getClient(), ws);
        }

        StatusCalculator.Result result = StatusCalculator.compute(observed, now, config.progressTimeout());
        events.record(context.getClient(), ws, Transitions.between(ws, ws.getStatus(), result.status(), observed.pod()));
        UpdateControl<DevWorkspace> control = result.status().equals(ws.getStatus()) ? UpdateControl.noUpdate()
                : UpdateControl.patchStatus(withStatus(ws, result.status()));
        Stream.of(result.recheckIn(), idle.checkAgainIn()).flatMap(Optional::stream).min(Duration::compareTo)
                .ifPresent(d -> control.rescheduleAfter(d.plusSeconds(1)));
        metrics.finished(sample, "ok");
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<DevWorkspace> updateErrorStatus(DevWorkspace ws, Context<DevWorkspace> context, Exception e) {
        boolean lastAttempt = context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(false);
        Failure failure = lastAttempt ? Failure.classify(e).givenUp() : Failure.classify(e);
        LOG.warnf("%s/%s: %s", ws.getMetadata().getNamespace(), ws.getMetadata().getName(), failure.message());
        metrics.finished(metrics.start(), failure.permanent() ? "failed" : "retry");
        long generation = ws.getMetadata().getGeneration() == null ? 0 : ws.getMetadata().getGeneration();
        var control = ErrorStatusUpdateControl.patchStatus(withStatus(ws, FailureStatus.of(ws.getStatus(), generation, failure, clock.instant())));
        return failure.permanent() ? control.withNoRetry() : control;
    }

    /**
     * The operator is the only writer of the status, so its patch carries no resourceVersion: a
     * cached primary a moment behind our own last patch must not turn into a conflict and a retry.
     */
    private static DevWorkspace withStatus(DevWorkspace ws, DevWorkspaceStatus status) {
        ws.setStatus(status);
        ws.getMetadata().setResourceVersion(null);
        return ws;
    }
}
