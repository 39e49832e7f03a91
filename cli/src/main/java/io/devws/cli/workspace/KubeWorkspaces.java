package io.devws.cli.workspace;

import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** DevWorkspace lifecycle in one namespace through the API server: what up/start/stop/delete/list/status do. */
public final class KubeWorkspaces {
    private final KubernetesClient client;
    private final String namespace;

    public KubeWorkspaces(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    private MixedOperation<DevWorkspace, KubernetesResourceList<DevWorkspace>, Resource<DevWorkspace>> resources() {
        return client.resources(DevWorkspace.class);
    }

    public Optional<DevWorkspace> find(String name) {
        return Optional.ofNullable(call(() -> resources().inNamespace(namespace).withName(name).get()));
    }

    public DevWorkspace require(String name) {
        return find(name).orElseThrow(() -> new WorkspaceException("workspace " + name + " not found in namespace " + namespace
                + ": see `devws list -n " + namespace + "`, or create it with `devws up " + name + " --image IMAGE`"));
    }

    public List<DevWorkspace> list() {
        List<DevWorkspace> items = call(() -> resources().inNamespace(namespace).list().getItems());
        return items.stream().sorted(Comparator.comparing(w -> w.getMetadata().getName())).toList();
    }

    /** Creates the workspace, or starts an existing one (its spec otherwise unchanged). */
    public DevWorkspace up(UpRequest request) {
        Optional<DevWorkspace> existing = find(request.name());
        if (existing.isEmpty()) {
            return call(() -> resources().inNamespace(namespace).resource(request.toResource()).create());
        }
        return setStarted(request.name(), true);
    }

    public DevWorkspace setStarted(String name, boolean started) {
        require(name);
        return call(() -> resources().inNamespace(namespace).withName(name).edit(ws -> {
            ws.getSpec().setStarted(started);
            return ws;
        }));
    }

    public void delete(String name) {
        require(name);
        call(() -> resources().inNamespace(namespace).withName(name).delete());
    }

    public Optional<Pod> pod(DevWorkspace ws) {
        String podName = ws.getStatus() == null ? null : ws.getStatus().getPodName();
        if (podName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(call(() -> client.pods().inNamespace(namespace).withName(podName).get()));
    }

    /** Events about a pod, oldest first. */
    public List<Event> events(String podName) {
        List<Event> items = call(() -> client.v1().events().inNamespace(namespace).list().getItems());
        return items.stream()
                .filter(e -> e.getInvolvedObject() != null && podName.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(e -> Objects.requireNonNullElse(e.getLastTimestamp(), ""))).toList();
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.translate(e);
        }
    }
}
