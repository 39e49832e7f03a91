package io.devws.operator.status;

import io.devws.model.DevWorkspaceSpec;
import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether a running workspace has been idle for its idleTimeout. Activity is the renewTime of
 * the workspace's activity Lease, which only the sidecar's token may write (a pod annotation is not
 * trusted); a pod without a later report counts from when it became ready.
 * The sidecar reports every {@link SidecarContract#ACTIVITY_REPORT_INTERVAL} while a connection is
 * open, so the workspace is idle only after idleTimeout plus {@link SidecarContract#ACTIVITY_GRACE}
 * without a report (docs/idle-stop.md). A report from the future (a skewed clock, or one the holder
 * of the sidecar's token forged) counts as none.
 */
public final class IdlePolicy {
    /** Clocks of the node and the operator may differ by this much. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private IdlePolicy() {
    }

    /**
     * @param idle stop it now
     * @param checkAgainIn when it would become idle without further activity (empty: nothing to watch)
     */
    public record Verdict(boolean idle, Optional<Duration> checkAgainIn) {
        static final Verdict NOT_WATCHED = new Verdict(false, Optional.empty());
    }

    public static Verdict evaluate(DevWorkspaceSpec spec, Optional<Pod> pod, Optional<Lease> activity, Instant now) {
        Optional<Duration> timeout = spec.idleTimeoutDuration();
        if (timeout.isEmpty() || timeout.get().isZero() || !spec.started() || pod.isEmpty()
                || pod.get().getMetadata().getDeletionTimestamp() != null) {
            return Verdict.NOT_WATCHED;
        }
        Optional<Instant> since = activeSince(pod.get(), activity, now);
        if (since.isEmpty()) {
            return Verdict.NOT_WATCHED;
        }
        Duration quiet = Duration.between(since.get(), now);
        Duration limit = timeout.get().plus(SidecarContract.ACTIVITY_GRACE);
        return quiet.compareTo(limit) >= 0 ? new Verdict(true, Optional.empty())
                : new Verdict(false, Optional.of(limit.minus(quiet)));
    }

    /** The later of the last reported activity and the moment the pod became ready; empty while not ready. */
    static Optional<Instant> activeSince(Pod pod, Optional<Lease> activity, Instant now) {
        Optional<Instant> readySince = pod.getStatus() == null || pod.getStatus().getConditions() == null ? Optional.empty()
                : pod.getStatus().getConditions().stream()
                        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst()
                        .map(c -> Times.parse(c.getLastTransitionTime())
                                .orElseGet(() -> Times.parse(pod.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH)));
        if (readySince.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> reported = activity.flatMap(a -> lastActivity(a, now));
        return Stream.of(readySince, reported).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    /** The sidecar's last report, the Lease's renewTime; none when it lies in the future. */
    public static Optional<Instant> lastActivity(Lease activity, Instant now) {
        return Optional.ofNullable(activity.getSpec()).map(LeaseSpec::getRenewTime).map(ZonedDateTime::toInstant)
                .filter(t -> !t.isAfter(now.plus(CLOCK_SKEW)));
    }
}
