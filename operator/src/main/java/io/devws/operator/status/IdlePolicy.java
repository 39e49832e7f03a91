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
 */
public final class IdlePolicy {
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
        Optional<Instant> since = activeSince(pod.get());
        if (since.isEmpty()) {
            return Verdict.NOT_WATCHED;
        }
        Duration quiet = Duration.between(since.get(), now);
        return quiet.compareTo(timeout.get()) >= 0 ? new Verdict(true, Optional.empty())
                : new Verdict(false, Optional.of(timeout.get().minus(quiet)));
    }

    /** The later of the last reported activity and the moment the pod became ready; empty while not ready. */
    static Optional<Instant> activeSince(Pod pod) {
        Optional<Instant> readySince = pod.getStatus() == null || pod.getStatus().getConditions() == null ? Optional.empty()
                : pod.getStatus().getConditions().stream()
                        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst()
                        .map(c -> Times.parse(c.getLastTransitionTime())
                                .orElseGet(() -> Times.parse(pod.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH)));
        if (readySince.isEmpty()) {
            return Optional.empty();
        }
        return Stream.of(readySince, lastActivity(pod)).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    public static Optional<Instant> lastActivity(Pod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Times.parse(annotations.get(SidecarContract.ANNOTATION_LAST_ACTIVITY));
    }
}
