package io.devws.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaderLeaseTest {
    static KubernetesClient client;

    @Test
    void aLeaderThatLosesTheLeaseWhileRunningExitsOnAThreadOfItsOwn() throws Exception {
        var exitedOn = new CompletableFuture<String>();
        var lease = new LeaderLease(() -> exitedOn.complete(Thread.currentThread().getName()));
        lease.callbacks().onStopLeading();
        assertThat(exitedOn.get(5, TimeUnit.SECONDS)).isEqualTo("devws-lost-leadership")
                .isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void stoppingTheOperatorIsNotALostLease() throws Exception {
        var exited = new CompletableFuture<String>();
        var lease = new LeaderLease(() -> exited.complete("exit"));
        lease.beforeOperatorStops(null);
        lease.callbacks().onStopLeading();
        Thread.sleep(200); // the exit would run on a new thread: give it time to show up
        assertThat(exited).isNotDone();
    }

    @Test
    void theHolderReleasesItsLeaseAndKeepsTheTransitionCount() {
        create("released", "replica-a", 3);
        assertThat(LeaderLease.release(client, "ops", "released", "replica-a")).isTrue();
        Lease after = client.leases().inNamespace("ops").withName("released").get();
        assertThat(after.getSpec().getHolderIdentity()).isEmpty();
        assertThat(after.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        assertThat(after.getSpec().getLeaseTransitions()).isEqualTo(3);
    }

    @Test
    void aLeaseHeldByAnotherReplicaOrMissingIsLeftAlone() {
        create("other", "replica-b", 1);
        assertThat(LeaderLease.release(client, "ops", "other", "replica-a")).isFalse();
        assertThat(client.leases().inNamespace("ops").withName("other").get().getSpec().getHolderIdentity())
                .isEqualTo("replica-b");
        assertThat(LeaderLease.release(client, "ops", "missing", "replica-a")).isFalse();
    }

    private static void create(String name, String holder, int transitions) {
        var now = ZonedDateTime.now();
        client.leases().inNamespace("ops").resource(new LeaseBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15).withLeaseTransitions(transitions)
                .withAcquireTime(now).withRenewTime(now).endSpec().build()).create();
    }
}
