package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.HostKeySecretModel;
import io.devws.operator.model.HostKeyMaterial;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The host-key Secret: create-only and matched by name, so a reconcile never rotates the key (the
 * JOSDK mysql-schema pattern). desired() runs only when the Secret is missing.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class HostKeySecretDependent extends KubernetesDependentResource<Secret, DevWorkspace>
        implements Creator<Secret, DevWorkspace>, GarbageCollected<DevWorkspace> {

    @Override
    protected Secret desired(DevWorkspace ws, Context<DevWorkspace> context) {
        String comment = "devws@" + ws.getMetadata().getName() + "." + ws.getMetadata().getNamespace();
        return HostKeySecretModel.desired(ws, HostKeyMaterial.generate(comment));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DevWorkspace ws, Context<DevWorkspace> context) {
        return new ResourceID(WorkspaceNames.of(ws).hostKeySecret(), ws.getMetadata().getNamespace());
    }
}
