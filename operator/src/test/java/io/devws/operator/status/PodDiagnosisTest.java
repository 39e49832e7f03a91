package io.devws.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PodDiagnosisTest {
    static Pod pod(PodStatus status) {
        return new PodBuilder().withNewMetadata().withName("ws").endMetadata().withStatus(status).build();
    }

    @ParameterizedTest
    @CsvSource({"ErrImagePull,true", "ImagePullBackOff,true", "CrashLoopBackOff,true", "CreateContainerConfigError,true",
            "InvalidImageName,true", "ContainerCreating,false", "PodInitializing,false"})
    void waitingReasons(String reason, boolean failing) {
        PodDiagnosis d = PodDiagnosis.of(pod(new PodStatusBuilder().withPhase("Pending").addNewContainerStatus().withName("dev")
                .withReady(false).withNewState().withNewWaiting().withReason(reason).withMessage("m").endWaiting().endState()
                .endContainerStatus().build()));
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.failing()).isEqualTo(failing);
        assertThat(d.ready()).isFalse();
        assertThat(d.message()).contains("container dev");
    }

    /** The kubelet's own words (v1.20) when the non-root default meets an image that runs as root or as a name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "container has runAsNonRoot and image will run as root (pod: \"ws_team(uid)\", container: dev)",
            "container has runAsNonRoot and image has non-numeric user (vscode), cannot verify user is non-root (pod: \"ws\", container: dev)"})
    void aRootOrNamedImageUserGetsTheSettingToChange(String kubelet) {
        PodDiagnosis d = PodDiagnosis.of(pod(new PodStatusBuilder().withPhase("Pending").addNewContainerStatus().withName("dev")
                .withReady(false).withNewState().withNewWaiting().withReason("CreateContainerConfigError").withMessage(kubelet)
                .endWaiting().endState().endContainerStatus().build()));
        assertThat(d.failing()).isTrue();
        assertThat(d.message()).isEqualTo("container dev: " + kubelet + "; devws runs the dev container as non-root unless told"
                + " otherwise: set spec.container.runAsUser to the image's user id (e.g. 1000), or to 0 to run it as root");
    }

    @Test
    void unschedulableCarriesTheSchedulersMessage() {
        PodDiagnosis d = PodDiagnosis.of(pod(new PodStatusBuilder().withPhase("Pending").addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").withMessage("0/1 nodes are available: 1 Insufficient memory.")
                .endCondition().build()));
        assertThat(d.reason()).isEqualTo("Unschedulable");
        assertThat(d.failing()).isTrue();
        assertThat(d.message()).contains("Insufficient memory");
    }

    @Test
    void evictedAndNotYetScheduledAndTerminating() {
        assertThat(PodDiagnosis.of(pod(new PodStatusBuilder().withPhase("Failed").withReason("Evicted").withMessage("disk").build())).reason())
                .isEqualTo("Evicted");
        assertThat(PodDiagnosis.of(pod(null)).reason()).isEqualTo("Scheduling");
        Pod going = pod(null);
        going.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertThat(PodDiagnosis.of(going).reason()).isEqualTo("Terminating");
    }
}
