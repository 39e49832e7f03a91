package io.devws.sidecar.activity;

import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.server.ActivityProbe;
import io.devws.sidecar.server.ActivityReporter;
import io.devws.sidecar.session.kube.KubeTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code serve --report-activity}: patches {@code devws.io/last-activity} on the sidecar's own pod
 * (DEVWS_POD_NAME in DEVWS_POD_NAMESPACE, in-cluster credentials) at most once a minute while a
 * session is open or bytes flow; the operator's idle stop reads it.
 */
public final class PodActivityReporter implements ActivityReporter {
    static final Duration TICK = Duration.ofSeconds(10);

    @Override
    public AutoCloseable start(ActivityProbe probe, SidecarConfig config) {
        KubeTarget target = KubeTarget.fromEnvironment(System.getenv());
        KubernetesClient client = new KubernetesClientBuilder().build();
        PodAnnotator annotator = new PodAnnotator(client, target.namespace(), target.pod());
        ActivityLoop loop = new ActivityLoop(probe, ReportPolicy.DEFAULT, annotator::annotate, Clock.systemUTC()).start(TICK);
        return () -> {
            loop.close();
            client.close();
        };
    }
}
