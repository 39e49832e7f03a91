package io.devws.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspaceSpec;
import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdlePolicyTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Optional<Lease> UNRENEWED = Optional.of(lease(null));

    static DevWorkspaceSpec spec(String idle) {
        DevWorkspaceSpec s = new DevWorkspaceSpec();
        s.setIdleTimeout(idle);
        return s;
    }

    static Pod pod(Instant readySince) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("ws").withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata();
        if (readySince != null) {
            b.withNewStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(readySince.toString())
                    .endCondition().endStatus();
        }
        return b.build();
    }

    /** The activity Lease as the sidecar leaves it: renewed at {@code renewTime}, or never. */
    static Lease lease(Instant renewTime) {
        return new LeaseBuilder().withNewMetadata().withName("ws-devws-activity").endMetadata()
                .withNewSpec().withHolderIdentity("devws-sidecar")
                .withRenewTime(renewTime == null ? null : renewTime.atZone(ZoneOffset.UTC)).endSpec().build();
    }

    static IdlePolicy.Verdict evaluate(String idle, Instant readySince, Instant renewTime) {
        return IdlePolicy.evaluate(spec(idle), Optional.of(pod(readySince)), Optional.of(lease(renewTime)), NOW);
    }

    @Test
    void idleOnlyWhenBothReadinessAndLastActivityAreOlderThanTheTimeoutPlusTheGrace() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        Duration grace = SidecarContract.ACTIVITY_GRACE;
        assertThat(evaluate("30m", hourAgo, null).idle()).isTrue();
        assertThat(IdlePolicy.evaluate(spec("30m"), Optional.of(pod(hourAgo)), Optional.empty(), NOW).idle())
                .as("no Lease (yet): counts from readiness").isTrue();
        Instant justPastGrace = NOW.minus(Duration.ofMinutes(30)).minus(grace);
        assertThat(evaluate("30m", hourAgo, justPastGrace).idle()).isTrue();
        var active = evaluate("30m", hourAgo, NOW.minus(Duration.ofMinutes(10)));
        assertThat(active.idle()).isFalse();
        assertThat(active.checkAgainIn()).hasValue(Duration.ofMinutes(20).plus(grace));
        var fresh = evaluate("30m", NOW.minus(Duration.ofMinutes(1)), null);
        assertThat(fresh.idle()).isFalse();
        assertThat(fresh.checkAgainIn()).hasValue(Duration.ofMinutes(29).plus(grace));
    }

    /** The race that stopped workspaces in use: a 1m timeout with reports every interval never expires. */
    @Test
    void reportsEveryIntervalKeepTheShortestTimeoutFromExpiring() {
        Duration worstAge = SidecarContract.ACTIVITY_REPORT_INTERVAL.plus(SidecarContract.ACTIVITY_TICK).plusSeconds(5);
        var v = evaluate("1m", NOW.minus(Duration.ofHours(1)), NOW.minus(worstAge));
        assertThat(v.idle()).isFalse();
    }

    @Test
    void aReportFromTheFutureCountsAsNone() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        var v = evaluate("30m", hourAgo, Instant.parse("2999-01-01T00:00:00Z"));
        assertThat(v.idle()).isTrue();
        assertThat(evaluate("30m", hourAgo, NOW.plus(IdlePolicy.CLOCK_SKEW)).idle()).as("within the skew: a report").isFalse();
    }

    /** Formerly the sidecar's channel; anyone who could write the pod's metadata could hold off idle stop. */
    @Test
    void aLastActivityAnnotationOnThePodIsNotTrusted() {
        Pod pod = pod(NOW.minus(Duration.ofHours(1)));
        pod.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of("devws.io/last-activity", NOW.toString())));
        assertThat(IdlePolicy.evaluate(spec("30m"), Optional.of(pod), UNRENEWED, NOW).idle()).isTrue();
    }

    @Test
    void notWatchedWithoutTimeoutStoppedOrNotReady() {
        Instant dayAgo = NOW.minus(Duration.ofDays(1));
        assertThat(evaluate(null, dayAgo, null)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
        assertThat(evaluate("30m", null, null)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
        assertThat(IdlePolicy.evaluate(spec("30m"), Optional.empty(), UNRENEWED, NOW)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
        DevWorkspaceSpec stopped = spec("30m");
        stopped.setStarted(false);
        assertThat(IdlePolicy.evaluate(stopped, Optional.of(pod(dayAgo)), UNRENEWED, NOW)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
    }

    @Test
    void aReportOlderThanReadinessCountsFromReadiness() {
        var v = evaluate("30m", NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofHours(2)));
        assertThat(v.idle()).isFalse();
        assertThat(v.checkAgainIn()).hasValue(Duration.ofMinutes(25).plus(SidecarContract.ACTIVITY_GRACE));
    }
}
