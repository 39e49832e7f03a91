package io.devws.cli.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.model.Condition;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupStageTest {
    static DevWorkspace ws(Phase phase, String message, boolean ready) {
        DevWorkspace ws = new UpRequest("ws", "ns", "img:1", null, null, false, null).toResource();
        if (phase != null) {
            DevWorkspaceStatus status = new DevWorkspaceStatus();
            status.setPhase(phase);
            status.setMessage(message);
            if (ready) {
                status.setConditions(List.of(new Condition("Ready", Condition.TRUE, "SshAnswers", null, null)));
            }
            ws.setStatus(status);
        }
        return ws;
    }

    static Pod pod(boolean scheduled, String waitingReason, boolean ready) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("ws").endMetadata().withNewStatus()
                .addNewCondition().withType("PodScheduled").withStatus(scheduled ? "True" : "False").endCondition()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        if (waitingReason != null) {
            b.editStatus().addNewContainerStatus().withName("dev").withImage("img:1").withNewState().withNewWaiting()
                    .withReason(waitingReason).withMessage("detail").endWaiting().endState().endContainerStatus().endStatus();
        } else if (scheduled) {
            b.editStatus().addNewContainerStatus().withName("dev").withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus();
        }
        return b.build();
    }

    @Test
    void eachStageInWords() {
        assertThat(StartupStage.of(ws(null, null, false), null).text()).isEqualTo("waiting for the operator to pick it up");
        assertThat(StartupStage.of(ws(Phase.Pending, "waiting for storage", false), null).text()).isEqualTo("waiting for storage");
        assertThat(StartupStage.of(ws(Phase.Starting, null, false), pod(false, null, false)).text()).isEqualTo("scheduling the pod ws");
        assertThat(StartupStage.of(ws(Phase.Starting, null, false), pod(true, "ContainerCreating", false)).text())
                .isEqualTo("pulling images and starting containers");
        assertThat(StartupStage.of(ws(Phase.Starting, null, false), pod(true, "ImagePullBackOff", false)).text())
                .isEqualTo("cannot pull image img:1 (ImagePullBackOff): detail");
        assertThat(StartupStage.of(ws(Phase.Starting, null, false), pod(true, null, false)).text()).isEqualTo("containers started, waiting for SSH");
        StartupStage ready = StartupStage.of(ws(Phase.Running, null, true), pod(true, null, true));
        assertThat(ready.ready()).isTrue();
        assertThat(ready.text()).isEqualTo("SSH ready");
        StartupStage failed = StartupStage.of(ws(Phase.Failed, "image not allowed", false), null);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.text()).isEqualTo("failed: image not allowed");
    }

    @Test
    void upRequestKeepsCrdDefaultsForUnsetOptions() {
        DevWorkspace ws = new UpRequest("ws", "ns", "img:1", null, null, false, null).toResource();
        assertThat(ws.getSpec().getStorage().getSize()).isEqualTo("10Gi");
        assertThat(ws.getSpec().getStorage().ephemeral()).isFalse();
        assertThat(ws.getSpec().getIdleTimeout()).isNull();
        assertThatThrownBy(() -> new UpRequest("ws", "ns", null, null, null, false, null).toResource())
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("--image");
        assertThat(ws.getSpec().getContainer().getRunAsUser()).as("the image's user, under the non-root default").isNull();
    }

    @Test
    void upRequestRunsAsTheUserAskedFor() {
        DevWorkspace root = new UpRequest("ws", "ns", "img:1", RunAs.parse("0"), null, false, null).toResource();
        assertThat(root.getSpec().getContainer().getRunAsUser()).isZero();
        assertThat(root.getSpec().getContainer().getRunAsGroup()).isNull();
        DevWorkspace dev = new UpRequest("ws", "ns", "img:1", RunAs.parse("1000:1001"), null, false, null).toResource();
        assertThat(dev.getSpec().getContainer().getRunAsUser()).isEqualTo(1000L);
        assertThat(dev.getSpec().getContainer().getRunAsGroup()).isEqualTo(1001L);
        for (String bad : new String[] {"root", "-1", "1000:", ":1000", "1:2:3", ""}) {
            assertThatThrownBy(() -> RunAs.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("invalid --user '" + bad + "': give a numeric UID or UID:GID, e.g. 1000 or 0 for root");
        }
    }
}
