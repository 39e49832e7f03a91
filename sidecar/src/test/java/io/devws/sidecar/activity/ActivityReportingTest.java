package io.devws.sidecar.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.model.SidecarContract;
import io.devws.sidecar.lease.ActivityLease;
import io.devws.sidecar.lease.LeaseApi;
import io.devws.sidecar.server.ActivityProbe;
import io.devws.testing.ExecTestServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityReportingTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void policyReportsOnlyActivityAndAtMostOncePerInterval() {
        ReportPolicy p = ReportPolicy.DEFAULT;
        assertThat(p.shouldReport(false, T0, null)).isFalse();
        assertThat(p.shouldReport(true, T0, null)).isTrue();
        assertThat(p.shouldReport(true, T0.plusSeconds(29), T0)).isFalse();
        assertThat(p.shouldReport(true, T0.plusSeconds(30), T0)).isTrue();
        assertThat(p.shouldReport(false, T0.plusSeconds(600), T0)).isFalse();
    }

    /** A probe the test drives, and a clock it moves. */
    static final class FakeProbe implements ActivityProbe {
        int open;
        long bytes;

        @Override
        public int openConnections() {
            return open;
        }

        @Override
        public long bytesTransferred() {
            return bytes;
        }
    }

    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void loopReportsOpenSessionsAndTrafficButNotIdleness() {
        FakeProbe probe = new FakeProbe();
        MovableClock clock = new MovableClock();
        List<Instant> reports = new ArrayList<>();
        try (ActivityLoop loop = new ActivityLoop(probe, ReportPolicy.DEFAULT, reports::add, clock)) {
            loop.tick();
            assertThat(reports).isEmpty();
            probe.open = 1;
            loop.tick();
            clock.now = T0.plusSeconds(20);
            loop.tick();
            assertThat(reports).containsExactly(T0);
            clock.now = T0.plusSeconds(30);
            loop.tick(); // an open connection is activity, with or without traffic
            assertThat(reports).containsExactly(T0, T0.plusSeconds(30));
            probe.open = 0;
            probe.bytes = 1000;
            clock.now = T0.plusSeconds(61);
            loop.tick();
            assertThat(reports).containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(61));
            clock.now = T0.plusSeconds(200);
            loop.tick();
            assertThat(reports).hasSize(3);
        }
    }

    @Test
    void aFailedReportIsRetriedAtTheNextTick() {
        FakeProbe probe = new FakeProbe();
        probe.open = 1;
        MovableClock clock = new MovableClock();
        List<Instant> reports = new ArrayList<>();
        boolean[] fail = {true};
        try (ActivityLoop loop = new ActivityLoop(probe, ReportPolicy.DEFAULT, t -> {
            if (fail[0]) {
                throw new IllegalStateException("API server down");
            }
            reports.add(t);
        }, clock)) {
            loop.tick();
            fail[0] = false;
            clock.now = T0.plusSeconds(10);
            loop.tick();
            assertThat(reports).containsExactly(T0.plusSeconds(10));
        }
    }

    @Test
    void renewalWritesTheLeasesMicroTimeAndKeepsTheOperatorsFields(@TempDir Path dir) throws Exception {
        try (ExecTestServer server = ExecTestServer.start(); KubernetesClient client = server.client()) {
            client.resources(Lease.class).inNamespace("ns").resource(new LeaseBuilder()
                    .withNewMetadata().withName("ws-devws-activity").withNamespace("ns")
                    .addToLabels(SidecarContract.LABEL_WORKSPACE, "ws").endMetadata()
                    .withNewSpec().withHolderIdentity("ws").endSpec().build()).create();
            Path token = Files.writeString(dir.resolve("token"), "first-token\n");
            server.acceptOnlyToken("first-token");
            ActivityLease lease = new ActivityLease(new LeaseApi(URI.create(server.url()), token, null), "ns", "ws-devws-activity");
            lease.renew(Instant.parse("2026-11-26T10:00:01.123456789Z"));
            // the kubelet rotates the token in place: every call reads it again
            Files.writeString(token, "rotated-token");
            server.acceptOnlyToken("rotated-token");
            lease.annotateSessionPath("exec", "the session host cannot run: \"quoted\" \\ é");
            server.acceptOnlyToken(null);
            Lease stored = client.resources(Lease.class).inNamespace("ns").withName("ws-devws-activity").get();
            assertThat(stored.getSpec().getRenewTime().toInstant()).isEqualTo(Instant.parse("2026-11-26T10:00:01.123456Z"));
            assertThat(stored.getSpec().getHolderIdentity()).isEqualTo("ws");
            assertThat(stored.getMetadata().getLabels()).containsEntry(SidecarContract.LABEL_WORKSPACE, "ws");
            assertThat(stored.getMetadata().getAnnotations())
                    .containsEntry(SidecarContract.ANNOTATION_SESSION_PATH, "exec")
                    .containsEntry(SidecarContract.ANNOTATION_SESSION_PATH_REASON, "the session host cannot run: \"quoted\" \\ é");
            assertThat(client.pods().inNamespace("ns").list().getItems()).as("no pod is touched").isEmpty();
        }
    }

    @Test
    void aRefusedPatchIsAnErrorWithTheApisAnswerAndNotFoundIsOne(@TempDir Path dir) throws Exception {
        try (ExecTestServer server = ExecTestServer.start()) {
            Path token = Files.writeString(dir.resolve("token"), "stale");
            server.acceptOnlyToken("valid");
            LeaseApi api = new LeaseApi(URI.create(server.url()), token, null);
            assertThatThrownBy(() -> new ActivityLease(api, "ns", "ws-devws-activity").renew(T0))
                    .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("HTTP 401");
            server.acceptOnlyToken(null);
            assertThatThrownBy(() -> api.mergePatch("ns", "missing", "{}"))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("lease ns/missing: HTTP 404");
        }
    }

    @Test
    void microTimeHasExactlySixFractionalDigitsInUtc() {
        // the API server parses MicroTime with Go's RFC3339Micro layout: six digits, no fewer
        assertThat(ActivityLease.microTime(Instant.parse("2026-11-26T10:00:01Z"))).isEqualTo("2026-11-26T10:00:01.000000Z");
        assertThat(ActivityLease.renewPatch(Instant.parse("2026-11-26T10:00:01.5Z")))
                .isEqualTo("{\"spec\":{\"renewTime\":\"2026-11-26T10:00:01.500000Z\"}}");
    }

    @Test
    void leaseNameComesFromTheOperatorsVariable() {
        assertThat(ActivityLease.nameIn(java.util.Map.of(SidecarContract.ENV_ACTIVITY_LEASE, "ws-devws-activity")))
                .contains("ws-devws-activity");
        assertThat(ActivityLease.nameIn(java.util.Map.of(SidecarContract.ENV_ACTIVITY_LEASE, " "))).isEmpty();
        // no name: no Lease, and no credentials are looked for (this test runs outside a pod)
        assertThat(ActivityLease.inPod(java.util.Map.of(), "ns")).isEmpty();
        assertThat(ActivityLease.missingName()).hasMessageContaining(SidecarContract.ENV_ACTIVITY_LEASE);
    }

    @Test
    void reporterIsRegisteredForTheDaemon() {
        assertThat(java.util.ServiceLoader.load(io.devws.sidecar.server.ActivityReporter.class).stream()
                .map(p -> p.type().getName())).contains(LeaseActivityReporter.class.getName());
        assertThat(LeaseActivityReporter.TICK).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void sessionPathPatchIsAJsonMergePatchOfBothAnnotations() {
        String patch = ActivityLease.sessionPathPatch("exec", "devws-host: cannot run: \"java -version\" fails (no glibc?)");
        var tree = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().unmarshal(patch, java.util.Map.class);
        org.assertj.core.api.Assertions.assertThat(tree).isEqualTo(java.util.Map.of("metadata", java.util.Map.of("annotations", java.util.Map.of(
                "devws.io/session-path", "exec",
                "devws.io/session-path-reason", "devws-host: cannot run: \"java -version\" fails (no glibc?)"))));
    }
}
