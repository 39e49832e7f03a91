package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.RbacModel;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Exec into, read and annotate the workspace pod only. */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class RoleDependent extends CRUDKubernetesDependentResource<Role, DevWorkspace> {
    @Override
    protected Role desired(DevWorkspace ws, Context<DevWorkspace> context) {
        return RbacModel.role(ws);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DevWorkspace ws, Context<DevWorkspace> context) {
        return new ResourceID(WorkspaceNames.of(ws).role(), ws.getMetadata().getNamespace());
    }
}
