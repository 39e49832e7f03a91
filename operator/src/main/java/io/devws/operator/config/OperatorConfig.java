package io.devws.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code devws.operator.*}, also settable as environment variables (DEVWS_OPERATOR_SIDECAR_IMAGE, ...).
 * Watched namespaces are {@code devws.operator.watched-namespaces} (comma-separated; unset: all),
 * handed to the Operator SDK in application.properties.
 */
@ConfigMapping(prefix = "devws.operator")
public interface OperatorConfig {
    /** Image of the devws-sshd sidecar container. */
    @WithDefault("ghcr.io/devws/devws-sidecar:0.1.0")
    String sidecarImage();

    @WithDefault("IfNotPresent")
    String sidecarImagePullPolicy();

    /** uid of the sidecar process (non-root); the devws-sidecar image's own user. */
    @WithDefault("10001")
    long sidecarUser();

    /** Pod fsGroup: group of the shared agent socket and of the mounted host key; the sidecar image's group. */
    @WithDefault("10001")
    long fsGroup();

    /** How long a pod may fail to start (image pull, crash loop, unschedulable) before the phase is Failed. */
    @WithDefault("5m")
    Duration progressTimeout();

    Resources sidecarResources();

    /** Lease-based leader election between replicas (active in the prod profile only). */
    LeaderElection leaderElection();

    /** Resources of the dev container when a DevWorkspace sets none. */
    DevResources devDefaultResources();

    interface Resources {
        @WithDefault("50m")
        String cpuRequest();

        @WithDefault("160Mi")
        String memoryRequest();

        /**
         * The daemon (its heap is 25% of this limit) plus, per open SSH connection, the perl relay of
         * {@code ssh-server --stdio} (about 5 MiB; it was a 30 MiB bridge JVM, and 512Mi was then
         * OOM-killed by 20 parallel sessions): docs/benchmarks-relay.md. A limit reserves nothing.
         */
        @WithDefault("768Mi")
        String memoryLimit();
    }

    interface LeaderElection {
        /** Name of the coordination.k8s.io Lease the replicas compete for. */
        @WithDefault("devws-operator")
        String leaseName();

        /** Namespace of the Lease; unset: the pod's own (POD_NAMESPACE), else the kubeconfig's namespace. */
        Optional<String> leaseNamespace();

        /** How long a standby waits after the leader's last renewal before taking over (a crashed leader). */
        @WithDefault("15s")
        Duration leaseDuration();

        /** How long the leader retries renewing before it gives up leading (and exits, to restart clean). */
        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }

    interface DevResources {
        Optional<String> cpuRequest();

        Optional<String> memoryRequest();

        Optional<String> cpuLimit();

        Optional<String> memoryLimit();
    }
}
