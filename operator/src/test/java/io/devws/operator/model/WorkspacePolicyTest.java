package io.devws.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspace;
import io.devws.model.PodSpec;
import io.devws.model.SidecarContract;
import io.devws.model.StorageSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Hostile specs are refused with a reason that names the field; devws' own metadata cannot be forged. */
class WorkspacePolicyTest {
    private static final Predicate<String> OPTED_IN = Set.of("shared-token")::contains;

    private static DevWorkspace ws() {
        return Fixtures.imageOnly("ns", "ws");
    }

    private static DevWorkspace withEnv(EnvVar... env) {
        DevWorkspace ws = ws();
        ws.getSpec().getContainer().setEnv(List.of(env));
        return ws;
    }

    @Test
    void theFixturesPass() {
        for (String name : List.of("minimal", "full", "ephemeral", "root-user")) {
            assertThat(WorkspacePolicy.problem(Fixtures.workspace(name), OPTED_IN)).as(name).isEmpty();
        }
    }

    @Test
    void aMountOverTheSidecarsLauncherOrWithDotDotIsRefused() {
        for (String path : List.of("/opt/devws-sidecar", "/workspace/../opt", "/run/devws/agent", "/tmp")) {
            DevWorkspace ws = ws();
            StorageSpec storage = new StorageSpec();
            storage.setMountPath(path);
            ws.getSpec().setStorage(storage);
            assertThat(WorkspacePolicy.problem(ws, OPTED_IN)).as(path).hasValueSatisfying(p -> assertThat(p).startsWith("spec.storage.mountPath '" + path + "'"));
        }
    }

    @Test
    void envFromValuesFieldsAndResourcesIsFine() {
        DevWorkspace ws = withEnv(new EnvVar("A", "1", null),
                new EnvVarBuilder().withName("NODE").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef().endValueFrom().build(),
                new EnvVarBuilder().withName("MEM").withNewValueFrom().withNewResourceFieldRef().withResource("limits.memory").endResourceFieldRef().endValueFrom().build());
        assertThat(WorkspacePolicy.problem(ws, OPTED_IN)).isEmpty();
    }

    @Test
    void aSecretIsReadableOnlyWhenItsOwnerOptedIn() {
        EnvVar hostKey = new EnvVarBuilder().withName("STOLEN").withNewValueFrom().withNewSecretKeyRef()
                .withName("other-ssh-hostkey").withKey(SidecarContract.HOST_KEY_SECRET_PRIVATE).endSecretKeyRef().endValueFrom().build();
        assertThat(WorkspacePolicy.problem(withEnv(hostKey), OPTED_IN)).hasValueSatisfying(p -> assertThat(p)
                .contains("spec.container.env STOLEN").contains("Secret other-ssh-hostkey is not open to workspaces")
                .contains("devws.io/workspace-env=true"));
        EnvVar shared = new EnvVarBuilder().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef()
                .withName("shared-token").withKey("token").endSecretKeyRef().endValueFrom().build();
        assertThat(WorkspacePolicy.problem(withEnv(shared), OPTED_IN)).isEmpty();
    }

    @Test
    void configMapsAndEnvFilesAreRefused() {
        EnvVar cm = new EnvVarBuilder().withName("CM").withNewValueFrom().withNewConfigMapKeyRef().withName("x").withKey("k")
                .endConfigMapKeyRef().endValueFrom().build();
        EnvVar file = new EnvVarBuilder().withName("KEY").withNewValueFrom().withNewFileKeyRef().withVolumeName(PodVolumes.HOST_KEY)
                .withPath(SidecarContract.HOST_KEY_SECRET_PRIVATE).withKey("k").endFileKeyRef().endValueFrom().build();
        assertThat(WorkspacePolicy.problem(withEnv(cm, file), OPTED_IN)).hasValueSatisfying(p -> assertThat(p)
                .contains("spec.container.env CM: only value, fieldRef").contains("spec.container.env KEY: only value, fieldRef"));
    }

    @Test
    void anAppArmorOrSeccompOverrideIsRefused() {
        DevWorkspace ws = ws();
        PodSpec pod = new PodSpec();
        pod.setAnnotations(Map.of("container.apparmor.security.beta.kubernetes.io/dev", "unconfined", "team.example.com/x", "y"));
        ws.getSpec().setPod(pod);
        assertThat(WorkspacePolicy.problem(ws, OPTED_IN)).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo("spec.pod.annotations container.apparmor.security.beta.kubernetes.io/dev: devws sets the pod's confinement; remove it"));
    }

    @Test
    void devwsKeysInUserMetadataNeverReachThePod() {
        DevWorkspace ws = ws();
        PodSpec spec = new PodSpec();
        spec.setAnnotations(Map.of("devws.io/last-activity", "2999-01-01T00:00:00Z",
                SidecarContract.ANNOTATION_SESSION_PATH, "host", "x.DEVWS.IO/y", "z", "team.example.com/owner", "alice"));
        spec.setLabels(Map.of(SidecarContract.LABEL_WORKSPACE, "someone-else", "team", "platform"));
        ws.getSpec().setPod(spec);
        Pod pod = WorkspacePodModel.desired(ws, Fixtures.SETTINGS);
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("team.example.com/owner", "alice")
                .containsOnlyKeys("team.example.com/owner", WorkspacePodModel.SPEC_HASH_ANNOTATION);
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "platform").containsEntry(SidecarContract.LABEL_WORKSPACE, "ws");
        assertThat(WorkspacePolicy.ownKey("devws.io/x")).isTrue();
        assertThat(WorkspacePolicy.ownKey("notdevws.io/x")).isFalse();
        assertThat(WorkspacePolicy.ownKey("devws.io")).as("a bare name has no prefix").isFalse();
    }
}
