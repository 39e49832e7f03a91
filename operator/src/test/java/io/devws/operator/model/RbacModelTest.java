package io.devws.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sidecar's token: exec into its own pod, read and write its own activity Lease, nothing else. */
class RbacModelTest {
    final DevWorkspace ws = Fixtures.workspace("minimal");
    final WorkspaceNames names = WorkspaceNames.of(ws);
    final Role role = RbacModel.role(ws);

    @Test
    void everyRuleIsRestrictedToTheWorkspacesOwnObjects() {
        assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getResourceNames()).isNotEmpty());
        assertThat(role.getRules()).extracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder(List.of("pods/exec"), List.of("leases"));
    }

    @Test
    void noWriteOnPods() {
        assertThat(role.getRules()).filteredOn(r -> r.getResources().contains("pods")).isEmpty();
        assertThat(role.getRules()).filteredOn(r -> r.getApiGroups().contains(""))
                .allSatisfy(r -> assertThat(r.getResources()).containsExactly("pods/exec"))
                .allSatisfy(r -> assertThat(r.getVerbs()).doesNotContain("patch", "update", "delete"));
    }

    @Test
    void execIntoItsOwnPodOnly() {
        PolicyRule exec = rule("pods/exec");
        assertThat(exec.getApiGroups()).containsExactly("");
        assertThat(exec.getResourceNames()).containsExactly(names.pod());
        assertThat(exec.getVerbs()).containsExactlyInAnyOrder("create", "get");
    }

    @Test
    void renewsItsOwnLeaseOnly() {
        PolicyRule lease = rule("leases");
        assertThat(lease.getApiGroups()).containsExactly("coordination.k8s.io");
        assertThat(lease.getResourceNames()).containsExactly(names.activityLease());
        assertThat(lease.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
        assertThat(ActivityLeaseModel.desired(ws).getMetadata().getName()).isEqualTo(names.activityLease());
    }

    private PolicyRule rule(String resource) {
        return role.getRules().stream().filter(r -> r.getResources().contains(resource)).findFirst().orElseThrow();
    }
}
