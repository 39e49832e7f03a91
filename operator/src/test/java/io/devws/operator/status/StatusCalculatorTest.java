package io.devws.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.Condition;
import io.devws.model.ConditionType;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SidecarContract;
import io.devws.operator.model.Fixtures;
import io.devws.operator.model.HostKeySecretModel;
import io.devws.operator.model.HostKeyMaterial;
import io.devws.operator.model.StorageModel;
import io.devws.operator.model.WorkspacePodModel;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    final DevWorkspace ws = withGeneration(Fixtures.workspace("minimal"));
    final Secret secret = HostKeySecretModel.desired(ws, HostKeyMaterial.generate("t"));

    static DevWorkspace withGeneration(DevWorkspace ws) {
        ws.getMetadata().setGeneration(3L);
        return ws;
    }

    PersistentVolumeClaim boundPvc() {
        PersistentVolumeClaim pvc = StorageModel.desired(ws);
        pvc.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
        return pvc;
    }

    Pod pod(Instant created, io.fabric8.kubernetes.api.model.PodStatus status) {
        Pod pod = WorkspacePodModel.desired(ws, Fixtures.SETTINGS);
        pod.getMetadata().setCreationTimestamp(created.toString());
        pod.setStatus(status);
        return pod;
    }

    static io.fabric8.kubernetes.api.model.PodStatus ready() {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-01-01T11:00:00Z").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName("dev").withReady(true).build())
                .addToContainerStatuses(new ContainerStatusBuilder().withName(SidecarContract.SIDECAR_CONTAINER).withReady(true).build())
                .build();
    }

    static io.fabric8.kubernetes.api.model.PodStatus waiting(String reason) {
        return new PodStatusBuilder().withPhase("Pending")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("dev").withReady(false)
                        .withNewState().withNewWaiting().withReason(reason).withMessage("details of " + reason).endWaiting().endState().build())
                .build();
    }

    StatusCalculator.Result compute(Optional<Pod> pod) {
        return compute(pod, Optional.empty());
    }

    StatusCalculator.Result compute(Optional<Pod> pod, Optional<Lease> activity) {
        return StatusCalculator.compute(new Observed(ws, Optional.of(boundPvc()), Optional.of(secret), pod, activity), NOW, TIMEOUT);
    }

    @Test
    void nothingYet_isPendingWithOrderedConditions() {
        var r = StatusCalculator.compute(new Observed(ws, Optional.empty(), Optional.empty(), Optional.empty()), NOW, TIMEOUT);
        DevWorkspaceStatus s = r.status();
        assertThat(s.getPhase()).isEqualTo(Phase.Pending);
        assertThat(s.getObservedGeneration()).isEqualTo(3L);
        assertThat(s.getConditions()).extracting(Condition::getType)
                .containsExactly("StorageReady", "HostKeyReady", "PodReady", "SshReady", "Ready");
        assertThat(s.getConditions()).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T12:00:00Z");
        });
        assertThat(s.getSsh()).isNull();
        assertThat(s.getPodName()).isNull();
    }

    @Test
    void readyPod_isRunningWithHostKeyInStatus() {
        DevWorkspaceStatus s = compute(Optional.of(pod(NOW.minusSeconds(30), ready()))).status();
        assertThat(s.getPhase()).isEqualTo(Phase.Running);
        assertThat(s.isReady()).isTrue();
        assertThat(s.getPodName()).isEqualTo("minimal");
        assertThat(s.getSsh().getHostPublicKey()).startsWith("ssh-ed25519 AAAA").doesNotContain(" t");
        assertThat(s.getSsh().getHostKeyFingerprint()).startsWith("SHA256:");
        assertThat(s.getMessage()).contains("ssh minimal.team-a.devws");
    }

    @Test
    void sessionPathReportedByTheSidecarIsCopiedIntoTheStatus() {
        Pod pod = pod(NOW.minusSeconds(30), ready());
        Lease lease = new LeaseBuilder().withNewMetadata().withName("minimal-devws-activity").endMetadata()
                .withNewSpec().withHolderIdentity("devws-sidecar").endSpec().build();
        assertThat(compute(Optional.of(pod), Optional.of(lease)).status().getSsh().getSessionPath()).as("not reported yet").isNull();
        lease.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(
                SidecarContract.ANNOTATION_SESSION_PATH, "exec",
                SidecarContract.ANNOTATION_SESSION_PATH_REASON, "the session host cannot run: no glibc")));
        lease.getSpec().setRenewTime(NOW.minusSeconds(5).atZone(java.time.ZoneOffset.UTC));
        DevWorkspaceStatus s = compute(Optional.of(pod), Optional.of(lease)).status();
        assertThat(s.getSsh().getSessionPath()).isEqualTo("exec");
        assertThat(s.getSsh().getSessionPathReason()).isEqualTo("the session host cannot run: no glibc");
        assertThat(s.getSsh().getHostKeyFingerprint()).startsWith("SHA256:");
        assertThat(s.getLastActivityTime()).as("the Lease's renewTime").isEqualTo("2026-01-01T11:59:55Z");
        lease.getSpec().setRenewTime(java.time.ZonedDateTime.parse("2999-01-01T00:00:00Z"));
        assertThat(compute(Optional.of(pod), Optional.of(lease)).status().getLastActivityTime()).as("a report from the future is none").isNull();
        assertThat(compute(Optional.empty(), Optional.of(lease)).status().getSsh().getSessionPath())
                .as("no pod, no session path").isNull();
        Pod annotated = pod(NOW.minusSeconds(30), ready());
        annotated.getMetadata().getAnnotations().put(SidecarContract.ANNOTATION_SESSION_PATH, "host");
        assertThat(compute(Optional.of(annotated)).status().getSsh().getSessionPath()).as("a pod annotation is not read").isNull();
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
        DevWorkspaceStatus first = compute(Optional.of(pod(NOW, waiting("ContainerCreating")))).status();
        ws.setStatus(first);
        Instant later = NOW.plusSeconds(90);
        DevWorkspaceStatus same = StatusCalculator.compute(new Observed(ws, Optional.of(boundPvc()), Optional.of(secret),
                Optional.of(pod(NOW, waiting("ContainerCreating")))), later, TIMEOUT).status();
        assertThat(same).isEqualTo(first);
        ws.setStatus(same);
        DevWorkspaceStatus flipped = StatusCalculator.compute(new Observed(ws, Optional.of(boundPvc()), Optional.of(secret),
                Optional.of(pod(NOW, ready()))), later, TIMEOUT).status();
        assertThat(flipped.condition(ConditionType.Ready).orElseThrow().getLastTransitionTime()).isEqualTo("2026-01-01T12:01:30Z");
        assertThat(flipped.condition(ConditionType.StorageReady).orElseThrow().getLastTransitionTime()).isEqualTo("2026-01-01T12:00:00Z");
    }

    @Test
    void failingPod_startsThenFailsAfterTheProgressTimeout() {
        var young = compute(Optional.of(pod(NOW.minus(Duration.ofMinutes(1)), waiting("ImagePullBackOff"))));
        assertThat(young.status().getPhase()).isEqualTo(Phase.Starting);
        assertThat(young.status().condition(ConditionType.PodReady).orElseThrow().getReason()).isEqualTo("ImagePullBackOff");
        assertThat(young.recheckIn()).hasValue(Duration.ofMinutes(4));
        var old = compute(Optional.of(pod(NOW.minus(Duration.ofMinutes(6)), waiting("CrashLoopBackOff"))));
        assertThat(old.status().getPhase()).isEqualTo(Phase.Failed);
        assertThat(old.status().getMessage()).contains("failed to start within 5m").contains("details of CrashLoopBackOff");
        assertThat(old.recheckIn()).isEmpty();
    }

    @Test
    void slowButHealthyStartIsNeverFailed() {
        var r = compute(Optional.of(pod(NOW.minus(Duration.ofMinutes(30)), waiting("ContainerCreating"))));
        assertThat(r.status().getPhase()).isEqualTo(Phase.Starting);
        assertThat(r.recheckIn()).isEmpty();
    }

    @Test
    void stopped_andStoppedForIdleness() {
        ws.getSpec().setStarted(false);
        assertThat(compute(Optional.of(pod(NOW, ready()))).status().getPhase()).isEqualTo(Phase.Stopping);
        DevWorkspaceStatus s = compute(Optional.empty()).status();
        assertThat(s.getPhase()).isEqualTo(Phase.Stopped);
        assertThat(s.getMessage()).contains("spec.started=false");
        assertThat(s.condition(ConditionType.StorageReady).orElseThrow().isTrue()).as("storage is kept").isTrue();
        ws.getMetadata().setAnnotations(new HashMap<>(java.util.Map.of(SidecarContract.ANNOTATION_STOPPED_BY, "idle")));
        ws.getSpec().setIdleTimeout("30m");
        assertThat(compute(Optional.empty()).status().getMessage()).contains("stopped after 30m without SSH activity");
    }

    @Test
    void unreadableHostKeySecretIsExplained() {
        Secret broken = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("minimal-ssh-hostkey").endMetadata()
                .addToStringData(SidecarContract.HOST_KEY_SECRET_PUBLIC, "garbage").addToStringData(SidecarContract.HOST_KEY_SECRET_PRIVATE, "x").build();
        var s = StatusCalculator.compute(new Observed(ws, Optional.of(boundPvc()), Optional.of(broken), Optional.empty()), NOW, TIMEOUT).status();
        Condition c = s.condition(ConditionType.HostKeyReady).orElseThrow();
        assertThat(c.getReason()).isEqualTo("Invalid");
        assertThat(c.getMessage()).contains("delete it");
    }

    @Test
    void pendingPvcNamesItsStorageClass() {
        PersistentVolumeClaim pvc = StorageModel.desired(ws);
        pvc.getSpec().setStorageClassName("nope");
        var s = StatusCalculator.compute(new Observed(ws, Optional.of(pvc), Optional.of(secret), Optional.empty()), NOW, TIMEOUT).status();
        assertThat(s.condition(ConditionType.StorageReady).orElseThrow().getMessage()).contains("storage class 'nope'");
        assertThat(s.getConditions()).extracting(Condition::getType).hasSize(ConditionType.values().length);
        assertThat(List.of(s.getPhase())).containsExactly(Phase.Pending);
    }
}
