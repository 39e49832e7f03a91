package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.HostKeyMaterial;
import io.devws.operator.model.HostKeySecretModel;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The host-key Secret: create-only and matched by name, so a reconcile never rotates the key (the JOSDK
 * mysql-schema pattern); desired() runs only when the Secret is missing. Read by name (GET), never listed or
 * watched: the operator needs no {@code list}/{@code watch} on Secrets (docs/security.md: a cluster-wide
 * operator never holds pod create together with Secret list). A deleted Secret is seen at the next poll.
 */
public class HostKeySecretDependent extends PerResourcePollingDependentResource<Secret, DevWorkspace, String>
        implements Creator<Secret, DevWorkspace> {
    static final Duration POLL = Duration.ofMinutes(2);
    private volatile KubernetesClient client;

    public HostKeySecretDependent() {
        super(Secret.class, POLL, ResourceIDMapper.singleResourceResourceIDMapper());
    }

    @Override
    protected ExternalResourceCachingEventSource<Secret, DevWorkspace, String> createEventSource(EventSourceContext<DevWorkspace> context) {
        client = context.getClient();
        return super.createEventSource(context);
    }

    @Override
    public Set<Secret> fetchResources(DevWorkspace ws) {
        return get(client, ws).map(Set::of).orElse(Set.of());
    }

    @Override
    protected Secret desired(DevWorkspace ws, Context<DevWorkspace> context) {
        String comment = "devws@" + ws.getMetadata().getName() + "." + ws.getMetadata().getNamespace();
        return HostKeySecretModel.desired(ws, HostKeyMaterial.generate(comment));
    }

    /** Owned by the workspace, as the informer-based dependents' objects are (garbage-collected with it). */
    @Override
    public Secret create(Secret desired, DevWorkspace ws, Context<DevWorkspace> context) {
        desired.addOwnerReference(ws);
        KubernetesClient client = context.getClient();
        try {
            return client.secrets().inNamespace(ws.getMetadata().getNamespace()).resource(desired).create();
        } catch (KubernetesClientException e) {
            // created meanwhile (a poll that had not seen it yet): the existing key stays; a foreign one is a conflict
            return get(client, ws).orElseThrow(() -> e);
        }
    }

    /** devws' own Secret of that name; one without devws' label is someone else's, and create() will say so. */
    private static Optional<Secret> get(KubernetesClient client, DevWorkspace ws) {
        return Optional.ofNullable(client.secrets().inNamespace(ws.getMetadata().getNamespace())
                        .withName(WorkspaceNames.of(ws).hostKeySecret()).get())
                .filter(s -> s.getMetadata().getLabels() != null
                        && WorkspaceNames.MANAGED_BY.equals(s.getMetadata().getLabels().get(Selectors.MANAGED_BY_LABEL)));
    }
}
