package io.devws.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pod contract the sidecar and the CLI rely on, spelled out (the fixtures pin every detail). */
class PodContractTest {
    private final DevWorkspace ws = Fixtures.workspace("minimal");
    private final Pod pod = WorkspacePodModel.desired(ws, Fixtures.SETTINGS);

    private Container container(String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> mounts(Container c) {
        return c.getVolumeMounts().stream().collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
    }

    private static Map<String, EnvVar> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @Test
    void podIsNamedAndLabelledAfterTheWorkspace() {
        assertThat(pod.getMetadata().getName()).isEqualTo("minimal");
        assertThat(pod.getMetadata().getLabels()).containsEntry(SidecarContract.LABEL_WORKSPACE, "minimal")
                .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/managed-by", "app.kubernetes.io/part-of");
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName)
                .containsExactly(SidecarContract.DEV_CONTAINER, SidecarContract.SIDECAR_CONTAINER);
    }

    @Test
    void devContainerHasTheStableAgentSocketAndTheStorage() {
        Container dev = container(SidecarContract.DEV_CONTAINER);
        assertThat(env(dev).get("SSH_AUTH_SOCK").getValue()).isEqualTo(SidecarContract.AGENT_SOCKET);
        assertThat(mounts(dev)).containsEntry("/workspace", PodVolumes.WORKSPACE).containsEntry(SidecarContract.AGENT_DIR, PodVolumes.AGENT)
                .containsEntry(SidecarContract.HOST_SOCKET_DIR, PodVolumes.HOST_RUN)
                .containsEntry(SidecarContract.HOST_DIR, PodVolumes.HOST_RUNTIME)
                .hasSize(4);
        assertThat(dev.getVolumeMounts()).filteredOn(m -> m.getName().equals(PodVolumes.HOST_RUNTIME))
                .singleElement().satisfies(m -> assertThat(m.getReadOnly()).as("host runtime read-only in dev").isTrue());
        assertThat(dev.getVolumeMounts()).filteredOn(m -> m.getName().equals(PodVolumes.AGENT))
                .singleElement().satisfies(m -> assertThat(m.getReadOnly()).as("agent sockets read-only in dev").isTrue());
        assertThat(dev.getCommand()).isEqualTo(DevContainerModel.DEFAULT_COMMAND);
        assertThat(dev.getWorkingDir()).isEqualTo("/workspace");
    }

    @Test
    void sidecarIsConfiguredOnlyThroughItsEnvironment() {
        Container sshd = container(SidecarContract.SIDECAR_CONTAINER);
        assertThat(sshd.getCommand()).containsExactly("devws-sidecar", "serve");
        Map<String, EnvVar> env = env(sshd);
        assertThat(env.get(SidecarContract.ENV_EXECUTOR).getValue()).isEqualTo("kube");
        assertThat(env.get(SidecarContract.ENV_SOCKET).getValue()).isEqualTo(SidecarContract.SOCKET_PATH);
        assertThat(env.get(SidecarContract.ENV_HOST_KEY).getValue()).isEqualTo(SidecarContract.HOST_KEY_PATH);
        assertThat(env.get(SidecarContract.ENV_AGENT_DIR).getValue()).isEqualTo(SidecarContract.AGENT_DIR);
        assertThat(env.get(SidecarContract.ENV_WORKDIR).getValue()).isEqualTo("/workspace");
        assertThat(env.get(SidecarContract.ENV_KEEPALIVE).getValue()).isEqualTo("30s");
        assertThat(env.get(SidecarContract.ENV_AGENT_FORWARDING).getValue()).isEqualTo("true");
        assertThat(env.get(SidecarContract.ENV_TCP_FORWARDING).getValue()).isEqualTo("true");
        assertThat(env.get(SidecarContract.ENV_REPORT_ACTIVITY).getValue()).isEqualTo("true");
        assertThat(env.get(SidecarContract.ENV_DEV_CONTAINER).getValue()).isEqualTo(SidecarContract.DEV_CONTAINER);
        assertThat(env.get(SidecarContract.ENV_POD_NAME).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get(SidecarContract.ENV_POD_NAMESPACE).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env.get(SidecarContract.ENV_HOST_SOCKET).getValue()).isEqualTo(SidecarContract.HOST_SOCKET);
        assertThat(env.get(SidecarContract.ENV_ACTIVITY_LEASE).getValue())
                .isEqualTo(io.devws.model.WorkspaceNames.of(ws).activityLease());
        assertThat(mounts(sshd)).containsEntry(SidecarContract.HOST_SOCKET_DIR, PodVolumes.HOST_RUN)
                .doesNotContainValue(PodVolumes.HOST_RUNTIME);
        assertThat(sshd.getReadinessProbe().getExec().getCommand()).containsExactly("sh", "-c", "test -S \"$DEVWS_SOCKET\"");
    }

    @Test
    void tokenHostKeyAndDaemonSocketAreInTheSidecarOnly() {
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("minimal-devws-sshd");
        Map<String, String> sidecar = mounts(container(SidecarContract.SIDECAR_CONTAINER));
        assertThat(sidecar).containsEntry(PodVolumes.SA_TOKEN_DIR, PodVolumes.SA_TOKEN)
                .containsEntry(SidecarContract.HOST_KEY_DIR, PodVolumes.HOST_KEY)
                .containsEntry(SidecarContract.SOCKET_DIR, PodVolumes.SSHD_RUN)
                .containsEntry("/tmp", PodVolumes.TMP)
                .containsEntry("/workspace", PodVolumes.WORKSPACE);
        assertThat(mounts(container(SidecarContract.DEV_CONTAINER)))
                .doesNotContainValue(PodVolumes.SA_TOKEN).doesNotContainValue(PodVolumes.HOST_KEY).doesNotContainValue(PodVolumes.SSHD_RUN);
        var token = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(PodVolumes.SA_TOKEN)).findFirst().orElseThrow();
        assertThat(token.getProjected().getSources()).hasSize(3);
        var key = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(PodVolumes.HOST_KEY)).findFirst().orElseThrow();
        assertThat(key.getSecret().getDefaultMode()).isEqualTo(0440);
    }

    @Test
    void hardenedForPodSecurityRestricted() {
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getSecurityContext().getFsGroup()).isEqualTo(10001L);
        var sc = container(SidecarContract.SIDECAR_CONTAINER).getSecurityContext();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        // the user's container is restricted too once it names a non-root uid
        Pod full = WorkspacePodModel.desired(Fixtures.workspace("full"), Fixtures.SETTINGS);
        var dev = full.getSpec().getContainers().get(0).getSecurityContext();
        assertThat(dev.getRunAsNonRoot()).isTrue();
        assertThat(dev.getAllowPrivilegeEscalation()).isFalse();
        assertThat(dev.getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void initContainerCopiesTheHostRuntimeFromTheSidecarImageUnprivileged() {
        assertThat(pod.getSpec().getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getName()).isEqualTo(HostRuntimeModel.NAME);
            assertThat(init.getImage()).isEqualTo(Fixtures.SETTINGS.sidecarImage());
            assertThat(init.getCommand()).containsExactly("cp", "-R", SidecarContract.HOST_DIR + "/.", "/mnt/devws-host/");
            assertThat(mounts(init)).containsExactly(Map.entry("/mnt/devws-host", PodVolumes.HOST_RUNTIME));
            var sc = init.getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).isTrue();
            assertThat(sc.getRunAsUser()).isEqualTo(10001L);
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(init.getResources().getLimits()).containsKey("memory");
        });
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getName().equals(PodVolumes.HOST_RUNTIME) || v.getName().equals(PodVolumes.HOST_RUN))
                .hasSize(2).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    @Test
    void specHashIgnoresStartedAndIdleTimeoutButNotTheImage() {
        DevWorkspace other = Fixtures.workspace("minimal");
        other.getSpec().setStarted(false);
        other.getSpec().setIdleTimeout("5m");
        assertThat(SpecHash.of(other)).isEqualTo(SpecHash.of(ws));
        other.getSpec().getContainer().setImage("debian:trixie");
        assertThat(SpecHash.of(other)).isNotEqualTo(SpecHash.of(ws));
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(WorkspacePodModel.SPEC_HASH_ANNOTATION, SpecHash.of(ws));
    }
}
