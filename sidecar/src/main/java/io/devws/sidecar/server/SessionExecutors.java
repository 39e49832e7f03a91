package io.devws.sidecar.server;

import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.host.HostRouting;
import io.devws.sidecar.session.kube.KubeSessionExecutor;
import io.devws.sidecar.session.kube.KubeTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.devws.sidecar.session.local.LocalSessionExecutor;

/** {@code --executor local|kube}. */
public final class SessionExecutors {
    private SessionExecutors() {
    }

    /** Exec per session, behind the session host when the pod has one (DEVWS_HOST_SOCKET). */
    private static SessionExecutor kube() {
        KubeTarget target = KubeTarget.fromEnvironment(System.getenv());
        KubernetesClient client = new KubernetesClientBuilder().build();
        return HostRouting.wrap(System.getenv(), client, target, new KubeSessionExecutor(client, target, true));
    }

    public static SessionExecutor create(SidecarConfig config) {
        return switch (config.executor()) {
            case SidecarConfig.EXECUTOR_LOCAL -> LocalSessionExecutor.forCurrentUser(config.startDirectory());
            case SidecarConfig.EXECUTOR_KUBE -> kube();
            default -> throw new IllegalArgumentException(
                    "unknown executor '" + config.executor() + "': use --executor local or --executor kube");
        };
    }
}
