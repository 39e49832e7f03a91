package io.devws.sidecar.activity;

import io.devws.sidecar.pod.PodAnnotator;
import io.devws.model.SidecarContract;
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
 * (DEVWS_POD_NAME in DEVWS_POD_NAMESPACE, in-cluster credentials) at most every 30 s while a
 * connection is open or bytes flow; the operator's idle stop reads it (docs/idle-stop.md).
 */
public final class PodActivityReporter implements ActivityReporter {
    static final Duration TICK = SidecarContract.ACTIVITY_TICK;

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
