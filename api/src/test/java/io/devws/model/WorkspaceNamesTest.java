package io.devws.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkspaceNamesTest {
    @Test
    void derivesEveryNameFromTheWorkspace() {
        WorkspaceNames n = WorkspaceNames.of("myws");
        assertThat(n.pod()).isEqualTo("myws");
        assertThat(n.pvc()).isEqualTo("myws-workspace");
        assertThat(n.hostKeySecret()).isEqualTo("myws-ssh-hostkey");
        assertThat(n.serviceAccount()).isEqualTo("myws-devws-sshd");
        assertThat(n.role()).isEqualTo(n.serviceAccount());
        assertThat(n.activityLease()).isEqualTo("myws-devws-activity");
        // a Lease name is a DNS subdomain (253): the longest workspace name fits
        assertThat(WorkspaceNames.of("w".repeat(WorkspaceNames.MAX_NAME_LENGTH)).activityLease()).hasSizeLessThanOrEqualTo(253);
        assertThat(n.labels()).containsEntry("devws.io/workspace", "myws")
                .containsEntry("app.kubernetes.io/instance", "myws")
                .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/managed-by", "app.kubernetes.io/part-of");
        assertThat(n.problem()).isEmpty();
    }

    @Test
    void explainsUnusableNames() {
        assertThat(WorkspaceNames.of("a".repeat(63)).problem()).isEmpty();
        assertThat(WorkspaceNames.of("a".repeat(64)).problem()).get().asString().contains("at most 63");
        assertThat(WorkspaceNames.of("my.ws").problem()).get().asString().contains("no dots");
        assertThat(WorkspaceNames.of("-ws").problem()).isPresent();
    }
}
