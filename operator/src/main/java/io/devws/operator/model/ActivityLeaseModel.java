package io.devws.operator.model;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;

/**
 * The workspace's activity Lease: the operator creates it, the sidecar renews it ({@code spec.renewTime})
 * while SSH is active and annotates it with its session path; idle stop and the status read it. It is
 * the only object the sidecar's token may write (see {@link RbacModel}).
 */
public final class ActivityLeaseModel {
    /** Who renews it: the sidecar of the workspace pod. */
    public static final String HOLDER = "devws-sidecar";

    private ActivityLeaseModel() {
    }

    public static Lease desired(DevWorkspace ws) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        return new LeaseBuilder()
                .withNewMetadata()
                .withName(names.activityLease())
                .withNamespace(ws.getMetadata().getNamespace())
                .withLabels(names.labels())
                .endMetadata()
                .withNewSpec().withHolderIdentity(HOLDER).endSpec()
                .build();
    }
}
