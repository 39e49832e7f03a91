package io.devws.sidecar.session.host;

import io.devws.host.client.HostClient;
import io.devws.model.SidecarContract;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.lease.ActivityLease;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.kube.KubeTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Wires the kube executor's session path: with {@code DEVWS_HOST_SOCKET} set (the operator sets it
 * on every workspace pod), sessions go through the session host when it runs and the per-session
 * exec otherwise, and the annotations of the workspace's activity Lease say which; without it, exec
 * only (as before).
 */
public final class HostRouting {
    private HostRouting() {
    }

    /**
     * The directory both containers mount at the same path: the host socket's ({@code DEVWS_HOST_SOCKET}, which the
     * operator sets on every workspace pod); exec sessions leave their settings there. Without it (a sidecar run
     * outside a workspace pod, whose "dev container" is this machine), the temporary directory.
     */
    public static Path sharedDir(Map<String, String> env) {
        String socket = env.get(SidecarContract.ENV_HOST_SOCKET);
        return socket == null || socket.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(socket).getParent();
    }

    public static SessionExecutor wrap(Map<String, String> env, SidecarConfig config, KubernetesClient client, KubeTarget target, SessionExecutor exec) {
        String socket = env.get(SidecarContract.ENV_HOST_SOCKET);
        if (socket == null || socket.isBlank()) {
            return exec;
        }
        // the path is information for `devws status`: without a Lease to report it on, sessions still run
        Consumer<SessionPath> reporter = ActivityLease.nameIn(env)
                .map(name -> new ActivityLease(client, target.namespace(), name))
                .<Consumer<SessionPath>>map(lease -> p -> lease.annotateSessionPath(p.path(), p.reason()))
                .orElse(p -> {
                });
        Path socketPath = Path.of(socket);
        HostSessionExecutor host = new HostSessionExecutor(new HostClient(socketPath), config.agentSocket());
        // alive = the host answers the protocol's ping (a listener of another kind is no host)
        HostProbe probe = () -> HostClient.pingQuietly(socketPath) > 0;
        HostSupervisor supervisor = new HostSupervisor(probe,
                new ExecHostStarter(client, target, HostStartCommand.forThisProcess(socketPath)), reporter,
                HostSupervisor.Timing.DEFAULT).start();
        return new RoutingSessionExecutor(supervisor, host, exec);
    }
}
