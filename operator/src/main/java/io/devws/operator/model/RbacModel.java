package io.devws.operator.model;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * The identity of the sidecar: it may exec into its own pod and read and write its own activity Lease
 * ({@link ActivityLeaseModel}), both by name (resourceNames), nothing else. In particular no write on
 * pods: whoever holds the token cannot relabel the pod or strip its ownerReferences.
 */
public final class RbacModel {
    private RbacModel() {
    }

    public static ServiceAccount serviceAccount(DevWorkspace ws) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(names.serviceAccount())
                .withNamespace(ws.getMetadata().getNamespace())
                .withLabels(names.labels())
                .endMetadata()
                // the token is projected into the sidecar container only
                .withAutomountServiceAccountToken(false)
                .build();
    }

    public static Role role(DevWorkspace ws) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        return new RoleBuilder()
                .withNewMetadata()
                .withName(names.role())
                .withNamespace(ws.getMetadata().getNamespace())
                .withLabels(names.labels())
                .endMetadata()
                // WebSocket exec is authorised as "get" on pods/exec by API servers before 1.31, SPDY as "create"
                .withRules(
                        new PolicyRuleBuilder().withApiGroups("").withResources("pods/exec")
                                .withVerbs("create", "get").withResourceNames(names.pod()).build(),
                        new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                                .withVerbs("get", "update", "patch").withResourceNames(names.activityLease()).build())
                .build();
    }

    public static RoleBinding roleBinding(DevWorkspace ws) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        return new RoleBindingBuilder()
                .withNewMetadata()
                .withName(names.roleBinding())
                .withNamespace(ws.getMetadata().getNamespace())
                .withLabels(names.labels())
                .endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(names.role()).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(names.serviceAccount())
                .withNamespace(ws.getMetadata().getNamespace()).endSubject()
                .build();
    }
}
