package io.devws.cli.workspace;

import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import io.devws.cli.error.NotFoundException;
import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** DevWorkspace lifecycle in one namespace through the API server: what up/start/stop/delete/list/status do. */
public final class KubeWorkspaces {
    /** The resource as RBAC names it. */
    public static final String RESOURCE = "devworkspaces." + DevWorkspace.GROUP;
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
        return Optional.ofNullable(call("get", () -> resources().inNamespace(namespace).withName(name).get()));
    }

    /**
     * The workspace, or a {@link NotFoundException}; for a named get the API server answers 404 both for a
     * missing object and a missing CRD, so discovery tells them apart.
     */
    public DevWorkspace require(String name) {
        return find(name).orElseThrow(() -> {
            requireInstalled();
            return new NotFoundException("workspace " + name + " not found in namespace " + namespace
                    + ": see `devws list -n " + namespace + "`, or create it with `devws up " + name + " --image IMAGE`");
        });
    }

    /** Fails with "devws is not installed" when the API server does not serve DevWorkspaces. */
    public void requireInstalled() {
        if (!call("get", () -> client.supports(DevWorkspace.class))) {
            throw ApiErrors.notInstalled(null);
        }
    }

    public List<DevWorkspace> list() {
        return sorted(call("list", () -> resources().inNamespace(namespace).list().getItems()));
    }

    /** Every namespace's workspaces (-A), by namespace then name. */
    public List<DevWorkspace> listAllNamespaces() {
        return sorted(call("list", () -> resources().inAnyNamespace().list().getItems()));
    }

    /** The workspaces as the API returns them, in its order (one namespace, or all with {@code allNamespaces}), typed and raw. */
    public Listing views(boolean allNamespaces) {
        var op = raw();
        var list = call("list", () -> allNamespaces ? op.inAnyNamespace().list() : op.inNamespace(namespace).list());
        // in the API server's order (by namespace and name), as kubectl prints them
        List<WorkspaceView> views = list.getItems().stream().map(this::view).toList();
        return new Listing(views, list.getMetadata() == null ? null : list.getMetadata().getResourceVersion());
    }

    private static String versionKey(Map<String, Object> document) {
        return document.get("metadata") instanceof Map<?, ?> m ? m.get("namespace") + "/" + m.get("name") + "@" + m.get("resourceVersion") : "";
    }

    /** A list and the version to watch it from. */
    public record Listing(List<WorkspaceView> items, String resourceVersion) {
    }

    /** One workspace as the API returns it, or a {@link NotFoundException}. */
    public WorkspaceView view(String name) {
        GenericKubernetesResource item = call("get", () -> raw().inNamespace(namespace).withName(name).get());
        if (item == null) {
            require(name);
        }
        return view(item);
    }

    /**
     * Watches one namespace (or all), or one workspace when {@code name} is set; each change goes to {@code onChange}.
     * Returns when the watch is closed; when the API server ends it (410 Gone: the listing's version is too old,
     * or another failure Fabric8 does not retry) it fails with one line that says so.
     */
    public void watch(boolean allNamespaces, String name, Listing from, java.util.function.Consumer<WorkspaceView> onChange) {
        String fromVersion = from.resourceVersion();
        // what the listing showed already is no change (a server may replay it as ADDED)
        java.util.Set<String> shown = new java.util.HashSet<>();
        from.items().forEach(v -> shown.add(versionKey(v.document())));
        java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
        var op = raw();
        var scoped = allNamespaces ? op.inAnyNamespace() : op.inNamespace(namespace);
        io.fabric8.kubernetes.client.Watcher<GenericKubernetesResource> watcher = new io.fabric8.kubernetes.client.Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (action != Action.BOOKMARK && action != Action.ERROR && (name == null || name.equals(resource.getMetadata().getName()))) {
                    WorkspaceView view = view(resource);
                    if (!shown.remove(versionKey(view.document()))) {
                        onChange.accept(view);
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                closed.completeExceptionally(cause);
            }

            @Override
            public void onClose() {
                closed.complete(null);
            }
        };
        try (var watch = call("watch", () -> name != null && !allNamespaces
                ? op.inNamespace(namespace).withName(name).watch(fromVersion, watcher) : scoped.withResourceVersion(fromVersion).watch(watcher))) {
            closed.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw watchEnded((WatcherException) e.getCause());
        }
    }

    private DevwsException watchEnded(WatcherException cause) {
        KubernetesClientException failure = cause.asClientException();
        if (failure.getCode() == java.net.HttpURLConnection.HTTP_GONE) {
            return new DevwsException("the watch ended: the API server no longer has the changes since this listing"
                    + " (410 Gone: " + cause.getMessage() + "): run the command again", ExitCode.USER_ERROR, cause);
        }
        if (failure.getCode() > 0) {
            return ApiErrors.translate(failure, "watch", RESOURCE, namespace, client.getConfiguration().getMasterUrl());
        }
        // no answer at all: the server went away and KubeConnection.WATCH_RECONNECTS reconnects failed
        return new DevwsException("the watch lost the API server at " + client.getConfiguration().getMasterUrl() + " ("
                + cause.getMessage() + "): check the network and the cluster, then run the command again", ExitCode.USER_ERROR, cause);
    }

    private io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> raw() {
        return client.genericKubernetesResources(ResourceDefinitionContext.fromResourceType(DevWorkspace.class));
    }

    @SuppressWarnings("unchecked")
    private WorkspaceView view(GenericKubernetesResource item) {
        var serialization = client.getKubernetesSerialization();
        Map<String, Object> document = serialization.convertValue(item, Map.class);
        // as kubectl >= 1.21 prints objects: without the server-side-apply bookkeeping
        if (document.get("metadata") instanceof Map<?, ?> metadata) {
            ((Map<String, Object>) metadata).remove("managedFields");
        }
        return new WorkspaceView(WorkspaceInfo.of(serialization.convertValue(item, DevWorkspace.class)), document);
    }

    private static List<DevWorkspace> sorted(List<DevWorkspace> items) {
        return items.stream().sorted(Comparator.comparing((DevWorkspace w) -> Objects.requireNonNullElse(w.getMetadata().getNamespace(), ""))
                .thenComparing(w -> w.getMetadata().getName())).toList();
    }

    /** Creates the workspace, or starts an existing one (its spec otherwise unchanged). */
    public DevWorkspace up(UpRequest request) {
        Optional<DevWorkspace> existing = find(request.name());
        if (existing.isEmpty()) {
            return call("create", () -> resources().inNamespace(namespace).resource(request.toResource()).create());
        }
        return setStarted(request.name(), true);
    }

    public DevWorkspace setStarted(String name, boolean started) {
        require(name);
        return call("patch", () -> resources().inNamespace(namespace).withName(name).edit(ws -> {
            ws.getSpec().setStarted(started);
            return ws;
        }));
    }

    public void delete(String name) {
        require(name);
        call("delete", () -> resources().inNamespace(namespace).withName(name).delete());
    }

    public Optional<Pod> pod(DevWorkspace ws) {
        String podName = ws.getStatus() == null ? null : ws.getStatus().getPodName();
        if (podName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(call("get", "pods", () -> client.pods().inNamespace(namespace).withName(podName).get()));
    }

    /** Events about a pod, oldest first. */
    public List<Event> events(String podName) {
        List<Event> items = call("list", "events", () -> client.v1().events().inNamespace(namespace).list().getItems());
        return items.stream()
                .filter(e -> e.getInvolvedObject() != null && podName.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(e -> Objects.requireNonNullElse(e.getLastTimestamp(), ""))).toList();
    }

    private <T> T call(String verb, java.util.function.Supplier<T> request) {
        return call(verb, RESOURCE, request);
    }

    /** Runs a request; a failure becomes the one line {@link ApiErrors} makes of it. */
    public <T> T call(String verb, String resource, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.translate(e, verb, resource, namespace, client.getConfiguration().getMasterUrl());
        }
    }
}
