package io.devws.sidecar.server;

import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.host.HostSessionExecutor;
import io.devws.sidecar.session.kube.KubeSessionExecutor;
import io.devws.sidecar.session.local.LocalSessionExecutor;

/** {@code --executor local|kube|host}. */
public final class SessionExecutors {
    private SessionExecutors() {
    }

    public static SessionExecutor create(SidecarConfig config) {
        return switch (config.executor()) {
            case SidecarConfig.EXECUTOR_LOCAL -> LocalSessionExecutor.forCurrentUser(config.startDirectory());
            case SidecarConfig.EXECUTOR_KUBE -> KubeSessionExecutor.fromEnvironment();
            case SidecarConfig.EXECUTOR_HOST -> HostSessionExecutor.fromEnvironment(config);
            default -> throw new IllegalArgumentException(
                    "unknown executor '" + config.executor() + "': use --executor local, kube or host");
        };
    }
}
