package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.StorageModel;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The workspace PVC. Create-only (its spec is immutable but for expansion) and kept across stop/start;
 * it goes away with the workspace through its owner reference, never because the spec changed.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class StorageDependent extends KubernetesDependentResource<PersistentVolumeClaim, DevWorkspace>
        implements Creator<PersistentVolumeClaim, DevWorkspace>, GarbageCollected<DevWorkspace> {

    @Override
    protected PersistentVolumeClaim desired(DevWorkspace ws, Context<DevWorkspace> context) {
        return StorageModel.desired(ws);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DevWorkspace ws, Context<DevWorkspace> context) {
        return new ResourceID(WorkspaceNames.of(ws).pvc(), ws.getMetadata().getNamespace());
    }

    /** Switching to ephemeral storage keeps the data; deleting the workspace removes it. */
    @Override
    public void delete(DevWorkspace ws, Context<DevWorkspace> context) {
        // intentionally nothing: the owner reference cleans up with the workspace
    }
}
