package io.devws.operator.events;

import io.devws.model.Condition;
import io.devws.model.ConditionType;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SidecarContract;
import io.devws.operator.model.WorkspacePolicy;
import io.devws.operator.status.StatusCalculator;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pure: the previous status, the new one and the observed pod → the lifecycle transitions between them.
 * Equal statuses give none, so an unchanged reconcile emits no Event.
 */
public final class Transitions {
    static final Set<String> IMAGE_PULL_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");

    private Transitions() {
    }

    public static List<Transition> between(DevWorkspace ws, DevWorkspaceStatus previous, DevWorkspaceStatus next, Optional<Pod> pod) {
        List<Transition> out = new ArrayList<>();
        if (Objects.equals(previous, next)) {
            return out;
        }
        Phase before = previous == null ? null : previous.getPhase();
        Phase after = next.getPhase();
        boolean running = after == Phase.Pending || after == Phase.Starting || after == Phase.Running;
        if (previous == null) {
            out.add(Transition.normal("Created", "workspace created; image " + ws.getSpec().getContainer().getImage()));
        }
        if (running && (before == null || before == Phase.Stopped || before == Phase.Stopping)) {
            out.add(Transition.normal("Started", "starting pod " + pod.map(p -> p.getMetadata().getName()).orElse("")
                    .transform(n -> n.isEmpty() ? "the workspace pod" : n)));
        }
        Optional<String> crash = pod.flatMap(Transitions::sidecarTermination);
        boolean sshWasReady = isTrue(previous, ConditionType.SshReady);
        boolean sshReady = isTrue(next, ConditionType.SshReady);
        if (before == Phase.Running && sshWasReady && !sshReady && crash.isPresent() && running) {
            out.add(Transition.warning("SidecarCrashed", "container " + SidecarContract.SIDECAR_CONTAINER + " " + crash.get()
                    + "; the kubelet restarts it"));
        } else if (before == Phase.Running && (after == Phase.Pending || after == Phase.Starting)) {
            boolean specChanged = !Objects.equals(previous.getObservedGeneration(), next.getObservedGeneration());
            out.add(specChanged ? Transition.normal("PodRecreated", "the spec changed: the pod is recreated")
                    : Transition.warning("PodRecreated", "the pod went away: " + next.getMessage()));
        }
        String pullBefore = reason(previous, ConditionType.PodReady);
        String pullAfter = reason(next, ConditionType.PodReady);
        if (IMAGE_PULL_REASONS.contains(pullAfter) && !IMAGE_PULL_REASONS.contains(pullBefore)) {
            out.add(Transition.warning("ImagePullFailed", next.condition(ConditionType.PodReady).map(Condition::getMessage).orElse(pullAfter)));
        }
        if (sshReady && !sshWasReady) {
            out.add(Transition.normal("SshReady", next.condition(ConditionType.Ready).filter(Condition::isTrue)
                    .map(Condition::getMessage).orElse("the SSH daemon accepts connections")));
        }
        boolean refused = WorkspacePolicy.REASON.equals(reason(next, ConditionType.Ready));
        if (refused && !(before == Phase.Failed && Objects.equals(previous.getMessage(), next.getMessage()))) {
            // says what to fix, again whenever an edit leaves the spec refused for another reason
            out.add(Transition.warning(WorkspacePolicy.REASON, next.getMessage()));
        } else if (after == Phase.Failed && before != Phase.Failed) {
            out.add(Transition.warning("Failed", next.getMessage()));
        }
        if (after == Phase.Stopped && before != null && before != Phase.Stopped) {
            out.add(Transition.normal(stoppedByIdle(ws) ? "IdleStopped" : "Stopped", next.getMessage()));
        }
        return out;
    }

    /** How the sidecar's last run ended, when it was restarted after a failure. */
    static Optional<String> sidecarTermination(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(cs -> SidecarContract.SIDECAR_CONTAINER.equals(cs.getName()))
                .map(ContainerStatus::getLastState).filter(Objects::nonNull)
                .map(s -> s.getTerminated()).filter(Objects::nonNull)
                .filter(t -> t.getExitCode() == null || t.getExitCode() != 0)
                .map(t -> "exited with code " + t.getExitCode() + (t.getReason() != null ? " (" + t.getReason() + ")" : ""))
                .findFirst();
    }

    private static boolean stoppedByIdle(DevWorkspace ws) {
        var annotations = ws.getMetadata().getAnnotations();
        return annotations != null && StatusCalculator.STOPPED_BY_IDLE.equals(annotations.get(SidecarContract.ANNOTATION_STOPPED_BY));
    }

    private static boolean isTrue(DevWorkspaceStatus s, ConditionType type) {
        return s != null && s.condition(type).map(Condition::isTrue).orElse(false);
    }

    private static String reason(DevWorkspaceStatus s, ConditionType type) {
        return s == null ? "" : s.condition(type).map(Condition::getReason).orElse("");
    }
}
