package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.ActivityLeaseModel;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The activity Lease. Its informer makes every renewal by the sidecar a reconcile (idle stop, session
 * path). The operator owns its metadata and holder only: renewTime and the session-path annotations
 * are the sidecar's, so an update restores labels, owner and holder by merge patch and never replaces
 * the object. Like the pod, it exists only while the workspace runs, so a new run starts unrenewed.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class ActivityLeaseDependent extends KubernetesDependentResource<Lease, DevWorkspace>
        implements Creator<Lease, DevWorkspace>, Updater<Lease, DevWorkspace>, GarbageCollected<DevWorkspace> {

    @Override
    protected Lease desired(DevWorkspace ws, Context<DevWorkspace> context) {
        return ActivityLeaseModel.desired(ws);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DevWorkspace ws, Context<DevWorkspace> context) {
        return new ResourceID(WorkspaceNames.of(ws).activityLease(), ws.getMetadata().getNamespace());
    }

    /**
     * Maps a Lease to its workspace by the workspace label rather than the owner reference, which the
     * sidecar's token could strip: such a Lease still triggers reconciles and gets its owner back.
     */
    @Override
    protected Optional<SecondaryToPrimaryMapper<Lease>> getSecondaryToPrimaryMapper(EventSourceContext<DevWorkspace> context) {
        return Optional.of(lease -> {
            Map<String, String> labels = lease.getMetadata().getLabels();
            String workspace = labels == null ? null : labels.get(SidecarContract.LABEL_WORKSPACE);
            return workspace == null ? Set.of() : Set.of(new ResourceID(workspace, lease.getMetadata().getNamespace()));
        });
    }

    @Override
    public Matcher.Result<Lease> match(Lease actual, DevWorkspace ws, Context<DevWorkspace> context) {
        Map<String, String> labels = actual.getMetadata().getLabels();
        List<OwnerReference> owners = actual.getMetadata().getOwnerReferences();
        boolean ours = labels != null && labels.entrySet().containsAll(WorkspaceNames.of(ws).labels().entrySet())
                && owners != null && owners.stream().anyMatch(o -> Objects.equals(o.getUid(), ws.getMetadata().getUid()))
                && actual.getSpec() != null && ActivityLeaseModel.HOLDER.equals(actual.getSpec().getHolderIdentity());
        return Matcher.Result.nonComputed(ours);
    }

    @Override
    public Lease update(Lease actual, Lease desired, DevWorkspace ws, Context<DevWorkspace> context) {
        desired.addOwnerReference(ws);
        String patch = context.getClient().getKubernetesSerialization().asJson(Map.of(
                "metadata", Map.of("labels", desired.getMetadata().getLabels(),
                        "ownerReferences", desired.getMetadata().getOwnerReferences()),
                "spec", Map.of("holderIdentity", desired.getSpec().getHolderIdentity())));
        return context.getClient().resource(actual).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
}
