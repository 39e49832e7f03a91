package io.devws.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.Condition;
import io.devws.model.ConditionType;
import io.devws.model.Phase;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureTest {
    static KubernetesClientException api(int code, String reason, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build());
    }

    @Test
    void rejectionsAndMissingPermissionsArePermanent() {
        Failure invalid = Failure.classify(new AggregatedOperatorException("x",
                Map.of("pod", new RuntimeException("wrapped", api(422, "Invalid", "Pod \"ws\" is invalid: spec.containers[0].env[0].name: Invalid value")))));
        assertThat(invalid.permanent()).isTrue();
        assertThat(invalid.reason()).isEqualTo("Invalid");
        assertThat(invalid.message()).contains("env[0].name").contains("fix the DevWorkspace spec");
        assertThat(Failure.classify(api(403, "Forbidden", "pods is forbidden")).reason()).isEqualTo("Forbidden");
        Failure taken = Failure.classify(api(409, "AlreadyExists", "secrets \"ws-ssh-hostkey\" already exists"));
        assertThat(taken.permanent()).isTrue();
        assertThat(taken.message()).contains("delete or rename it");
    }

    @Test
    void conflictsServerErrorsAndIoAreRetried() {
        assertThat(Failure.classify(api(409, "Conflict", "the object has been modified")).permanent()).isFalse();
        assertThat(Failure.classify(api(503, "ServiceUnavailable", "etcd")).permanent()).isFalse();
        Failure io = Failure.classify(new RuntimeException(new IOException("connection reset")));
        assertThat(io.message()).contains("connection reset");
        assertThat(io.givenUp().permanent()).isTrue();
        assertThat(io.givenUp().message()).contains("gave up").doesNotContain(", retrying");
    }

    @Test
    void failureStatusKeepsWhatWasKnownAndSaysWhy() {
        var previous = new io.devws.model.DevWorkspaceStatus();
        previous.setPhase(Phase.Starting);
        previous.setPodName("ws");
        previous.getConditions().add(new Condition("StorageReady", "True", "Bound", "ok", "2026-01-01T00:00:00Z"));
        var s = FailureStatus.of(previous, 4, Failure.classify(api(422, "Invalid", "bad")), Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(s.getPhase()).isEqualTo(Phase.Failed);
        assertThat(s.getObservedGeneration()).isEqualTo(4L);
        assertThat(s.getPodName()).isEqualTo("ws");
        assertThat(s.condition(ConditionType.StorageReady).orElseThrow().getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(s.condition(ConditionType.Ready).orElseThrow().getReason()).isEqualTo("Invalid");
        var transient_ = FailureStatus.of(null, 1, Failure.classify(api(500, "x", "boom")), Instant.now());
        assertThat(transient_.getPhase()).isEqualTo(Phase.Pending);
    }
}
