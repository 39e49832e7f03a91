package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.RbacModel;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Binds the workspace Role to its ServiceAccount. */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class RoleBindingDependent extends CRUDKubernetesDependentResource<RoleBinding, DevWorkspace> {
    @Override
    protected RoleBinding desired(DevWorkspace ws, Context<DevWorkspace> context) {
        return RbacModel.roleBinding(ws);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DevWorkspace ws, Context<DevWorkspace> context) {
        return new ResourceID(WorkspaceNames.of(ws).roleBinding(), ws.getMetadata().getNamespace());
    }
}
