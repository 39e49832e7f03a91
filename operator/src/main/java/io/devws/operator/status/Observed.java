package io.devws.operator.status;

import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.Optional;

/**
 * What the cluster holds for one workspace at one reconcile: the input of the pure status logic.
 * {@code activityLease} is what the sidecar reports (activity, session path); {@code specProblem} is
 * why the spec was refused (model/WorkspacePolicy), if it was.
 */
public record Observed(DevWorkspace workspace, Optional<PersistentVolumeClaim> pvc, Optional<Secret> hostKeySecret,
        Optional<Pod> pod, Optional<Lease> activityLease, Optional<String> specProblem) {
    public Observed(DevWorkspace workspace, Optional<PersistentVolumeClaim> pvc, Optional<Secret> hostKeySecret, Optional<Pod> pod,
            Optional<Lease> activityLease) {
        this(workspace, pvc, hostKeySecret, pod, activityLease, Optional.empty());
    }

    public Observed(DevWorkspace workspace, Optional<PersistentVolumeClaim> pvc, Optional<Secret> hostKeySecret, Optional<Pod> pod) {
        this(workspace, pvc, hostKeySecret, pod, Optional.empty());
    }
}
