package io.devws.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspaceSpec;
import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdlePolicyTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    static DevWorkspaceSpec spec(String idle) {
        DevWorkspaceSpec s = new DevWorkspaceSpec();
        s.setIdleTimeout(idle);
        return s;
    }

    static Pod pod(Instant readySince, String lastActivity) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("ws").withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata();
        if (lastActivity != null) {
            b.editMetadata().addToAnnotations(SidecarContract.ANNOTATION_LAST_ACTIVITY, lastActivity).endMetadata();
        }
        if (readySince != null) {
            b.withNewStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(readySince.toString())
                    .endCondition().endStatus();
        }
        return b.build();
    }

    @Test
    void idleOnlyWhenBothReadinessAndLastActivityAreOlderThanTheTimeoutPlusTheGrace() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        Duration grace = SidecarContract.ACTIVITY_GRACE;
        assertThat(IdlePolicy.evaluate(spec("30m"), Optional.of(pod(hourAgo, null)), NOW).idle()).isTrue();
        String justPastGrace = NOW.minus(Duration.ofMinutes(30)).minus(grace).toString();
        assertThat(IdlePolicy.evaluate(spec("30m"), Optional.of(pod(hourAgo, justPastGrace)), NOW).idle()).isTrue();
        var active = IdlePolicy.evaluate(spec("30m"), Optional.of(pod(hourAgo, NOW.minus(Duration.ofMinutes(10)).toString())), NOW);
        assertThat(active.idle()).isFalse();
        assertThat(active.checkAgainIn()).hasValue(Duration.ofMinutes(20).plus(grace));
        var fresh = IdlePolicy.evaluate(spec("30m"), Optional.of(pod(NOW.minus(Duration.ofMinutes(1)), null)), NOW);
        assertThat(fresh.idle()).isFalse();
        assertThat(fresh.checkAgainIn()).hasValue(Duration.ofMinutes(29).plus(grace));
    }

    /** The race that stopped workspaces in use: a 1m timeout with reports every interval never expires. */
    @Test
    void reportsEveryIntervalKeepTheShortestTimeoutFromExpiring() {
        Duration worstAge = SidecarContract.ACTIVITY_REPORT_INTERVAL.plus(SidecarContract.ACTIVITY_TICK).plusSeconds(5);
        var v = IdlePolicy.evaluate(spec("1m"), Optional.of(pod(NOW.minus(Duration.ofHours(1)), NOW.minus(worstAge).toString())), NOW);
        assertThat(v.idle()).isFalse();
    }

    @Test
    void aReportFromTheFutureCountsAsNone() {
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        var v = IdlePolicy.evaluate(spec("30m"), Optional.of(pod(hourAgo, "2999-01-01T00:00:00Z")), NOW);
        assertThat(v.idle()).isTrue();
    }

    @Test
    void notWatchedWithoutTimeoutStoppedOrNotReady() {
        Instant dayAgo = NOW.minus(Duration.ofDays(1));
        assertThat(IdlePolicy.evaluate(spec(null), Optional.of(pod(dayAgo, null)), NOW)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
        assertThat(IdlePolicy.evaluate(spec("30m"), Optional.of(pod(null, null)), NOW)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
        assertThat(IdlePolicy.evaluate(spec("30m"), Optional.empty(), NOW)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
        DevWorkspaceSpec stopped = spec("30m");
        stopped.setStarted(false);
        assertThat(IdlePolicy.evaluate(stopped, Optional.of(pod(dayAgo, null)), NOW)).isEqualTo(IdlePolicy.Verdict.NOT_WATCHED);
    }

    @Test
    void aMalformedAnnotationIsIgnored() {
        var v = IdlePolicy.evaluate(spec("30m"), Optional.of(pod(NOW.minus(Duration.ofMinutes(5)), "yesterday")), NOW);
        assertThat(v.idle()).isFalse();
        assertThat(v.checkAgainIn()).hasValue(Duration.ofMinutes(25).plus(SidecarContract.ACTIVITY_GRACE));
    }
}
