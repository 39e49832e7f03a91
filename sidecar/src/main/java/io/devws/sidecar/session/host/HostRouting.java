package io.devws.sidecar.session.host;

import io.devws.host.client.HostClient;
import io.devws.model.SidecarContract;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.lease.ActivityLease;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.kube.KubeTarget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the kube executor's session path: with {@code DEVWS_HOST_SOCKET} set (the operator sets it
 * on every workspace pod), sessions go through the session host when it runs and the per-session
 * exec otherwise, and the annotations of the workspace's activity Lease say which; without it, exec
 * only (as before). Nothing here loads the Kubernetes client: the host starts through a child process and
 * the Lease is patched over plain HTTPS (docs/benchmarks-sidecar.md).
 */
public final class HostRouting {
    private static final Logger LOG = LoggerFactory.getLogger(HostRouting.class);

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

    /** The path is information for `devws status`: without a Lease to report it on, sessions still run. */
    private static Consumer<SessionPath> sessionPathReporter(Map<String, String> env, KubeTarget target) {
        Consumer<SessionPath> none = p -> {
        };
        Optional<ActivityLease> lease;
        try {
            lease = ActivityLease.inPod(env, target.namespace());
        } catch (IllegalStateException e) {
            LOG.warn("the session path is not reported: {}", e.getMessage());
            return none;
        }
        return lease.<Consumer<SessionPath>>map(l -> p -> l.annotateSessionPath(p.path(), p.reason())).orElse(none);
    }

    public static SessionExecutor wrap(Map<String, String> env, SidecarConfig config, KubeTarget target, SessionExecutor exec) {
        String socket = env.get(SidecarContract.ENV_HOST_SOCKET);
        if (socket == null || socket.isBlank()) {
            return exec;
        }
        Consumer<SessionPath> reporter = sessionPathReporter(env, target);
        Path socketPath = Path.of(socket);
        HostSessionExecutor host = new HostSessionExecutor(new HostClient(socketPath), config.agentSocket());
        // alive = the host answers the protocol's ping (a listener of another kind is no host)
        HostProbe probe = () -> HostClient.pingQuietly(socketPath) > 0;
        HostSupervisor supervisor = new HostSupervisor(probe,
                ChildHostStarter.forThisJvm(HostStartCommand.forThisProcess(socketPath)), reporter,
                HostSupervisor.Timing.DEFAULT).start();
        return new RoutingSessionExecutor(supervisor, host, exec);
    }
}
