package io.devws.operator.status;

import io.devws.model.DevWorkspaceSpec;
import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides whether a running workspace has been idle for its idleTimeout. Activity is the sidecar's
 * {@code devws.io/last-activity} pod annotation; a pod without one counts from when it became ready.
 * The sidecar reports every {@link SidecarContract#ACTIVITY_REPORT_INTERVAL} while a connection is
 * open, so the workspace is idle only after idleTimeout plus {@link SidecarContract#ACTIVITY_GRACE}
 * without a report (docs/idle-stop.md). A report from the future (a forged or skewed annotation)
 * counts as none.
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

    public static Verdict evaluate(DevWorkspaceSpec spec, Optional<Pod> pod, Instant now) {
        Optional<Duration> timeout = spec.idleTimeoutDuration();
        if (timeout.isEmpty() || timeout.get().isZero() || !spec.started() || pod.isEmpty()
                || pod.get().getMetadata().getDeletionTimestamp() != null) {
            return Verdict.NOT_WATCHED;
        }
        Optional<Instant> since = activeSince(pod.get(), now);
        if (since.isEmpty()) {
            return Verdict.NOT_WATCHED;
        }
        Duration quiet = Duration.between(since.get(), now);
        Duration limit = timeout.get().plus(SidecarContract.ACTIVITY_GRACE);
        return quiet.compareTo(limit) >= 0 ? new Verdict(true, Optional.empty())
                : new Verdict(false, Optional.of(limit.minus(quiet)));
    }

    /** The later of the last reported activity and the moment the pod became ready; empty while not ready. */
    static Optional<Instant> activeSince(Pod pod, Instant now) {
        Optional<Instant> readySince = pod.getStatus() == null || pod.getStatus().getConditions() == null ? Optional.empty()
                : pod.getStatus().getConditions().stream()
                        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst()
                        .map(c -> Times.parse(c.getLastTransitionTime())
                                .orElseGet(() -> Times.parse(pod.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH)));
        if (readySince.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> reported = lastActivity(pod).filter(t -> !t.isAfter(now.plus(CLOCK_SKEW)));
        return Stream.of(readySince, reported).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    public static Optional<Instant> lastActivity(Pod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Times.parse(annotations.get(SidecarContract.ANNOTATION_LAST_ACTIVITY));
    }
}
