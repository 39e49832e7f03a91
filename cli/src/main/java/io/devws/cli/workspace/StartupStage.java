package io.devws.cli.workspace;

import io.devws.model.DevWorkspace;
import io.devws.model.Phase;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;

/** Where a starting workspace is, in words, from its status and its pod: what {@code up} shows. */
public record StartupStage(String text, boolean ready, boolean failed) {
    public static StartupStage of(DevWorkspace ws, Pod pod) {
        var status = ws.getStatus();
        if (status != null && status.isReady()) {
            return new StartupStage("SSH ready", true, false);
        }
        if (status != null && status.getPhase() == Phase.Failed) {
            return new StartupStage("failed: " + orElse(status.getMessage(), "see devws status " + ws.getMetadata().getName()), false, true);
        }
        if (pod == null) {
            String why = status == null ? "waiting for the operator to pick it up" : orElse(status.getMessage(), "waiting for the pod");
            return new StartupStage(why, false, false);
        }
        if (!conditionTrue(pod, "PodScheduled")) {
            return new StartupStage("scheduling the pod " + pod.getMetadata().getName(), false, false);
        }
        List<ContainerStatus> containers = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        for (ContainerStatus c : containers) {
            if (c.getState() != null && c.getState().getWaiting() != null) {
                String reason = orElse(c.getState().getWaiting().getReason(), "Waiting");
                if (reason.contains("ImagePull") || reason.equals("ErrImagePull") || reason.equals("InvalidImageName")) {
                    return new StartupStage("cannot pull image " + c.getImage() + " (" + reason + "): "
                            + orElse(c.getState().getWaiting().getMessage(), "check the image name and pull secrets"), false, false);
                }
                if (reason.equals("CrashLoopBackOff")) {
                    return new StartupStage("container " + c.getName() + " keeps crashing (CrashLoopBackOff): see kubectl logs", false, false);
                }
            }
        }
        if (containers.isEmpty() || containers.stream().anyMatch(c -> c.getState() != null && c.getState().getWaiting() != null)) {
            return new StartupStage("pulling images and starting containers", false, false);
        }
        if (!conditionTrue(pod, "Ready")) {
            return new StartupStage("containers started, waiting for SSH", false, false);
        }
        return new StartupStage("pod ready, waiting for the SSH sidecar", false, false);
    }

    private static boolean conditionTrue(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (type.equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
