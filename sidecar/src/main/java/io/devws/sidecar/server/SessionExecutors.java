package io.devws.sidecar.server;

import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.session.LazySessionExecutor;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.host.HostRouting;
import io.devws.sidecar.session.host.HostSessionExecutor;
import io.devws.sidecar.session.kube.KubeSessionExecutor;
import io.devws.sidecar.session.kube.KubeTarget;
import io.devws.sidecar.session.local.LocalSessionExecutor;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;

/** {@code --executor local|kube|host}. */
public final class SessionExecutors {
    private SessionExecutors() {
    }

    /**
     * In a pod: the session host when it runs (DEVWS_HOST_SOCKET), else one exec per session, whose Kubernetes
     * client is created on the first such session (a daemon whose sessions all go through the host never loads it).
     */
    private static SessionExecutor kube(SidecarConfig config) {
        KubeTarget target = KubeTarget.fromEnvironment(System.getenv());
        Path settingsDir = HostRouting.sharedDir(System.getenv());
        SessionExecutor exec = new LazySessionExecutor(
                () -> new KubeSessionExecutor(new KubernetesClientBuilder().build(), target, true, settingsDir));
        return HostRouting.wrap(System.getenv(), config, target, exec);
    }

    public static SessionExecutor create(SidecarConfig config) {
        return switch (config.executor()) {
            case SidecarConfig.EXECUTOR_LOCAL -> LocalSessionExecutor.forCurrentUser(config.startDirectory());
            case SidecarConfig.EXECUTOR_KUBE -> kube(config);
            case SidecarConfig.EXECUTOR_HOST -> HostSessionExecutor.fromEnvironment(config);
            default -> throw new IllegalArgumentException(
                    "unknown executor '" + config.executor() + "': use --executor local, kube or host");
        };
    }
}
