package io.devws.sidecar.session.host;

import io.devws.model.SidecarContract;
import io.devws.sidecar.activity.PodAnnotator;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.kube.KubeTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the kube executor's session path: with {@code DEVWS_HOST_SOCKET} set (the operator sets it
 * on every workspace pod), sessions go through the session host when it runs and the per-session
 * exec otherwise, and the pod's annotations say which; without it, exec only (as before).
 */
public final class HostRouting {
    private static final Logger LOG = LoggerFactory.getLogger(HostRouting.class);

    private HostRouting() {
    }

    public static SessionExecutor wrap(Map<String, String> env, KubernetesClient client, KubeTarget target, SessionExecutor exec) {
        String socket = env.get(SidecarContract.ENV_HOST_SOCKET);
        if (socket == null || socket.isBlank()) {
            return exec;
        }
        PodAnnotator annotator = new PodAnnotator(client, target.namespace(), target.pod());
        Consumer<SessionPath> reporter = p -> annotator.annotateSessionPath(p.path(), p.reason());
        var provider = ServiceLoader.load(HostClientProvider.class).findFirst();
        if (provider.isEmpty()) {
            SessionPath path = SessionPath.exec("this sidecar build has no session host client");
            LOG.warn("{}: sessions use one exec each", path.reason());
            try {
                reporter.accept(path);
            } catch (RuntimeException e) {
                LOG.warn("cannot report the session path: {}", e.toString());
            }
            return exec;
        }
        Path socketPath = Path.of(socket);
        HostSupervisor supervisor = new HostSupervisor(provider.get().probe(socketPath),
                new ExecHostStarter(client, target, HostStartCommand.forThisProcess(socketPath)), reporter,
                HostSupervisor.Timing.DEFAULT).start();
        return new RoutingSessionExecutor(supervisor, provider.get().executor(socketPath), exec);
    }
}
