package io.devws.operator.model;

import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.devws.model.StorageSpec;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/** Volumes of the workspace pod and where each container mounts them. */
public final class PodVolumes {
    public static final String WORKSPACE = "workspace";
    public static final String AGENT = "agent";
    public static final String SSHD_RUN = "sshd-run";
    public static final String HOST_KEY = "hostkey";
    public static final String SA_TOKEN = "sa-token";
    public static final String TMP = "tmp";
    /** The session host's runtime, filled by {@link HostRuntimeModel}; read-only in the dev container. */
    public static final String HOST_RUNTIME = "host-runtime";
    /** The session host's socket directory, shared by both containers. */
    public static final String HOST_RUN = "host-run";
    public static final String SA_TOKEN_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
    /** Owner and group (the pod's fsGroup) may read the key; nobody else. */
    static final int HOST_KEY_MODE = 0440;
    static final long TOKEN_SECONDS = 3600;

    private PodVolumes() {
    }

    public static List<Volume> volumes(DevWorkspace ws) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        StorageSpec storage = StorageModel.storage(ws);
        Volume workspace = storage.ephemeral()
                ? new VolumeBuilder().withName(WORKSPACE).withNewEmptyDir().withSizeLimit(new Quantity(storage.getSize())).endEmptyDir().build()
                : new VolumeBuilder().withName(WORKSPACE).withNewPersistentVolumeClaim().withClaimName(names.pvc()).endPersistentVolumeClaim().build();
        return List.of(
                workspace,
                new VolumeBuilder().withName(AGENT).withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName(SSHD_RUN).withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName(TMP).withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName(HOST_RUNTIME).withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName(HOST_RUN).withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName(HOST_KEY).withNewSecret().withSecretName(names.hostKeySecret())
                        .withDefaultMode(HOST_KEY_MODE).endSecret().build(),
                new VolumeBuilder().withName(SA_TOKEN).withNewProjected().withDefaultMode(0444)
                        .addNewSource().withNewServiceAccountToken().withPath("token").withExpirationSeconds(TOKEN_SECONDS).endServiceAccountToken().endSource()
                        .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt").withPath("ca.crt").endItem().endConfigMap().endSource()
                        .addNewSource().withNewDownwardAPI().addNewItem().withPath("namespace").withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI().endSource()
                        .endProjected().build());
    }

    public static List<VolumeMount> devMounts(DevWorkspace ws) {
        return List.of(
                mount(WORKSPACE, StorageModel.storage(ws).getMountPath(), false),
                // read-only: the sidecar alone creates the agent sockets, and nobody in the dev container can replace them
                mount(AGENT, SidecarContract.AGENT_DIR, true),
                mount(HOST_RUNTIME, SidecarContract.HOST_DIR, true),
                mount(HOST_RUN, SidecarContract.HOST_SOCKET_DIR, false));
    }

    public static List<VolumeMount> sidecarMounts(DevWorkspace ws) {
        return List.of(
                mount(WORKSPACE, StorageModel.storage(ws).getMountPath(), false),
                mount(AGENT, SidecarContract.AGENT_DIR, false),
                mount(SSHD_RUN, SidecarContract.SOCKET_DIR, false),
                mount(HOST_RUN, SidecarContract.HOST_SOCKET_DIR, false),
                mount(TMP, "/tmp", false),
                mount(HOST_KEY, SidecarContract.HOST_KEY_DIR, true),
                mount(SA_TOKEN, SA_TOKEN_DIR, true));
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly ? true : null).build();
    }
}
