package io.devws.operator.reconciler;

import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;

/** Pod statuses as a kubelet would write them (the mock API server has no kubelet). */
final class PodStatuses {
    private PodStatuses() {
    }

    static PodStatus ready(Instant since) {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(since.toString()).endCondition()
                .withContainerStatuses(running(SidecarContract.DEV_CONTAINER), running(SidecarContract.SIDECAR_CONTAINER))
                .build();
    }

    static PodStatus imagePullBackOff() {
        return new PodStatusBuilder().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady").endCondition()
                .withContainerStatuses(
                        new ContainerStatusBuilder().withName(SidecarContract.DEV_CONTAINER).withReady(false)
                                .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                                .withMessage("Back-off pulling image \"nope:1\"").endWaiting().endState().build(),
                        running(SidecarContract.SIDECAR_CONTAINER))
                .build();
    }

    /** The sidecar exited with 137 and waits for its restart; the dev container runs on. */
    static PodStatus sidecarCrashed() {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Ready").withStatus("False").withReason("ContainersNotReady").endCondition()
                .withContainerStatuses(running(SidecarContract.DEV_CONTAINER),
                        new ContainerStatusBuilder().withName(SidecarContract.SIDECAR_CONTAINER).withReady(false).withRestartCount(1)
                                .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState()
                                .withNewLastState().withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated().endLastState()
                                .build())
                .build();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withReady(true).withNewState().withNewRunning().endRunning().endState().build();
    }
}
