package io.devws.operator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * How a replica leaves the leader Lease (docs/benchmarks-operator.md, "High availability").
 * <ul>
 *   <li>Lost while running (renewals timed out): the replica exits, to restart as a candidate instead of
 *       reconciling beside the new leader. The exit runs on a thread of its own: JOSDK's own exit ran on
 *       the thread that stopped the operator and, during a shutdown, waited for that shutdown forever.</li>
 *   <li>Stopped on purpose (SIGTERM: a rollout, a drain): the replica releases the Lease once the operator
 *       has stopped, as client-go's {@code ReleaseOnCancel} does, so the standby takes over at its next
 *       retry instead of one lease duration later. JOSDK never releases it.</li>
 * </ul>
 */
@ApplicationScoped
public class LeaderLease {
    private static final Logger LOG = Logger.getLogger(LeaderLease.class);
    /** The operator SDK stops the operator in a ShutdownEvent observer of the default priority (2500). */
    static final int BEFORE_OPERATOR_STOPS = 2400;
    static final int AFTER_OPERATOR_STOPPED = 2600;

    private final AtomicBoolean led = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Runnable exit;

    public LeaderLease() {
        this(() -> System.exit(1));
    }

    LeaderLease(Runnable exit) {
        this.exit = exit;
    }

    /** The callbacks the elector runs; only the loss of leadership matters here. */
    LeaderCallbacks callbacks() {
        return new LeaderCallbacks(() -> led.set(true), this::stoppedLeading, leader -> { });
    }

    void stoppedLeading() {
        if (stopping.get()) {
            return;
        }
        LOG.warn("lost the leader Lease (renewals timed out): exiting, to restart as a candidate");
        Thread t = new Thread(exit, "devws-lost-leadership");
        t.setDaemon(true);
        t.start();
    }

    void beforeOperatorStops(@Observes @Priority(BEFORE_OPERATOR_STOPS) ShutdownEvent event) {
        stopping.set(true);
    }

    void afterOperatorStopped(@Observes @Priority(AFTER_OPERATOR_STOPPED) ShutdownEvent event,
            Instance<LeaderElectionConfiguration> election, KubernetesClient client) {
        if (!led.get() || !election.isResolvable() || election.get().getIdentity().isEmpty()) {
            return;
        }
        LeaderElectionConfiguration le = election.get();
        String namespace = le.getLeaseNamespace().orElseGet(client::getNamespace);
        try {
            if (release(client, namespace, le.getLeaseName(), le.getIdentity().get())) {
                LOG.infof("released the leader Lease %s/%s", namespace, le.getLeaseName());
            }
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.warnf("could not release the leader Lease %s/%s (the standby takes over when it expires): %s",
                    namespace, le.getLeaseName(), e.getMessage());
        }
    }

    /**
     * Empties the Lease's holder if {@code identity} holds it, with a 1 s duration, as client-go's
     * {@code ReleaseOnCancel} does (an empty holder: Fabric8's own release sends null, which its patch drops). Optimistic: a renewal that slipped in between (409) is read again.
     * @return whether this identity held the Lease and gave it up
     */
    static boolean release(KubernetesClient client, String namespace, String name, String identity) {
        for (int attempt = 1; ; attempt++) {
            LeaseLock lock = new LeaseLock(namespace, name, identity);
            LeaderElectionRecord held = lock.get(client);
            if (held == null || !identity.equals(held.getHolderIdentity())) {
                return false;
            }
            ZonedDateTime now = ZonedDateTime.now();
            try {
                lock.update(client, new LeaderElectionRecord("", Duration.ofSeconds(1), now, now, held.getLeaderTransitions()));
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
