package io.devws.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaderElectionProducerTest {
    static OperatorConfig.LeaderElection settings(Optional<String> namespace) {
        return new OperatorConfig.LeaderElection() {
            public String leaseName() {
                return "devws-operator";
            }

            public Optional<String> leaseNamespace() {
                return namespace;
            }

            public Duration leaseDuration() {
                return Duration.ofSeconds(15);
            }

            public Duration renewDeadline() {
                return Duration.ofSeconds(10);
            }

            public Duration retryPeriod() {
                return Duration.ofSeconds(2);
            }
        };
    }

    @Test
    void aLeaderThatStopsLeadingIsHandledByLeaderLeaseNotByJosdksExit() {
        var config = LeaderElectionProducer.of(settings(Optional.of("ops")), new LeaderLease());
        // JOSDK's exit ran on the thread stopping the operator and hung every graceful shutdown of a leader
        assertThat(config.isExitOnStopLeading()).isFalse();
        assertThat(config.getLeaderCallbacks()).isPresent();
        assertThat(config.getLeaseName()).isEqualTo("devws-operator");
        assertThat(config.getLeaseNamespace()).contains("ops");
        assertThat(config.getLeaseDuration()).isGreaterThan(config.getRenewDeadline());
        assertThat(config.getRenewDeadline()).isGreaterThan(config.getRetryPeriod());
    }

    @Test
    void twoProcessesOnOneHostHaveDistinctIdentities() {
        // outside a pod (no POD_NAMESPACE) the pid is part of the identity
        if (System.getenv("POD_NAMESPACE") == null) {
            assertThat(LeaderElectionProducer.identity()).endsWith("-" + ProcessHandle.current().pid());
        }
        assertThat(LeaderElectionProducer.of(settings(Optional.empty()), new LeaderLease()).getIdentity()).contains(LeaderElectionProducer.identity());
    }
}
