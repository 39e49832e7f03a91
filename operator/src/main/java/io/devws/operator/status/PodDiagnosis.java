package io.devws.operator.status;

import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pod's status into one reason and message, the way a person would after `kubectl describe`.
 *
 * @param ready all containers ready
 * @param sidecarReady the devws-sshd container is ready (its daemon socket exists)
 * @param reason one CamelCase word
 * @param message details
 * @param failing a reason that will not resolve by waiting (image, crash loop, scheduling)
 */
public record PodDiagnosis(boolean ready, boolean sidecarReady, String reason, String message, boolean failing) {
    /** Waiting reasons that mean "this will not start without a change". */
    static final Set<String> FAILING_WAIT_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "ErrImageNeverPull");

    public static PodDiagnosis of(Pod pod) {
        var status = pod.getStatus();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return new PodDiagnosis(false, false, "Terminating", "pod " + name(pod) + " is terminating", false);
        }
        if (status == null || status.getPhase() == null) {
            return new PodDiagnosis(false, false, "Scheduling", "pod " + name(pod) + " waits for the scheduler", false);
        }
        boolean sidecarReady = containerReady(status.getContainerStatuses(), SidecarContract.SIDECAR_CONTAINER);
        if ("Failed".equals(status.getPhase()) || "Succeeded".equals(status.getPhase())) {
            String why = status.getReason() != null ? status.getReason() : "PodTerminated";
            return new PodDiagnosis(false, false, why, "pod " + name(pod) + " ended (" + status.getPhase() + ")"
                    + (status.getMessage() != null ? ": " + status.getMessage() : "") + "; it is recreated", false);
        }
        Optional<PodCondition> scheduled = condition(status.getConditions(), "PodScheduled");
        if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())) {
            String reason = scheduled.get().getReason() != null ? scheduled.get().getReason() : "Unschedulable";
            return new PodDiagnosis(false, false, reason, "pod cannot be scheduled: " + scheduled.get().getMessage(),
                    "Unschedulable".equals(reason));
        }
        for (ContainerStatus cs : orEmpty(status.getContainerStatuses())) {
            var waiting = cs.getState() != null ? cs.getState().getWaiting() : null;
            if (waiting != null && waiting.getReason() != null && FAILING_WAIT_REASONS.contains(waiting.getReason())) {
                return new PodDiagnosis(false, sidecarReady, waiting.getReason(), "container " + cs.getName() + ": "
                        + (waiting.getMessage() != null ? waiting.getMessage() : waiting.getReason()) + userHint(cs, waiting.getMessage()), true);
            }
        }
        boolean ready = condition(status.getConditions(), "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
        if (ready) {
            return new PodDiagnosis(true, sidecarReady, "Ready", "pod " + name(pod) + " is ready", false);
        }
        for (ContainerStatus cs : orEmpty(status.getContainerStatuses())) {
            var waiting = cs.getState() != null ? cs.getState().getWaiting() : null;
            if (waiting != null && waiting.getReason() != null) {
                return new PodDiagnosis(false, sidecarReady, waiting.getReason(), "container " + cs.getName() + ": "
                        + (waiting.getMessage() != null ? waiting.getMessage() : waiting.getReason().toLowerCase()), false);
            }
        }
        return new PodDiagnosis(false, sidecarReady, "ContainersNotReady", "pod " + name(pod) + " is starting", false);
    }

    /**
     * The kubelet refuses a dev image whose user is root, or a name it cannot check, under the non-root default:
     * say what to set (docs/security.md).
     */
    static String userHint(ContainerStatus cs, String message) {
        if (!SidecarContract.DEV_CONTAINER.equals(cs.getName()) || message == null
                || !(message.contains("runAsNonRoot") || message.contains("non-numeric user"))) {
            return "";
        }
        return "; devws runs the dev container as non-root unless told otherwise: set spec.container.runAsUser to the"
                + " image's user id (e.g. 1000), or to 0 to run it as root";
    }

    private static boolean containerReady(List<ContainerStatus> statuses, String container) {
        return orEmpty(statuses).stream().anyMatch(cs -> container.equals(cs.getName()) && Boolean.TRUE.equals(cs.getReady()));
    }

    private static Optional<PodCondition> condition(List<PodCondition> conditions, String type) {
        return orEmpty(conditions).stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getName();
    }
}
