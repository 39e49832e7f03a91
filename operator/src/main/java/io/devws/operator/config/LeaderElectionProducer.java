package io.devws.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The Lease the replicas compete for. Only the leader reconciles; a standby keeps its caches warm and
 * takes over when the leader releases the Lease (graceful shutdown) or stops renewing it (crash).
 * A leader that cannot renew in time exits, so that it restarts as a candidate ({@link LeaderLease}): JOSDK's
 * builder never exits, and a leader that stopped leading then went on reconciling next to the new one (seen on
 * a real cluster whose API server answered slowly: two replicas wrote Events for the same transition).
 */
@ApplicationScoped
public class LeaderElectionProducer {
    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(OperatorConfig config, LeaderLease lease) {
        return of(config.leaderElection(), lease);
    }

    static LeaderElectionConfiguration of(OperatorConfig.LeaderElection le, LeaderLease lease) {
        // JOSDK's exitOnStopLeading off: its System.exit ran on the thread stopping the operator and hung a
        // graceful shutdown for good; LeaderLease exits on a thread of its own, and releases the Lease
        String namespace = le.leaseNamespace().or(() -> env("POD_NAMESPACE")).orElse(null);
        return new LeaderElectionConfiguration(le.leaseName(), namespace, le.leaseDuration(), le.renewDeadline(),
                le.retryPeriod(), identity(), lease.callbacks(), false);
    }

    /** The pod name in a pod; host and pid outside one, so that two local processes differ. */
    static String identity() {
        String host = env("HOSTNAME").orElse("devws-operator");
        return env("POD_NAMESPACE").isPresent() ? host : host + "-" + ProcessHandle.current().pid();
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
