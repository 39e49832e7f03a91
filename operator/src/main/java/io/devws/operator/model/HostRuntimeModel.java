package io.devws.operator.model;

import static io.devws.model.SidecarContract.HOST_DIR;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * The init container that fills the session host's runtime volume (docs/session-host-runtime.md): the
 * sidecar image carries the runtime at {@link io.devws.model.SidecarContract#HOST_DIR}; a plain
 * {@code cp} puts it into an emptyDir that the dev container mounts read-only at the same path, so
 * the user's image and entrypoint stay untouched and nothing is downloaded.
 */
public final class HostRuntimeModel {
    public static final String NAME = "devws-host-runtime";
    /** Where the init container mounts the (writable) volume it fills. */
    static final String TARGET = "/mnt/devws-host";
    public static final List<String> COMMAND = List.of("cp", "-R", HOST_DIR + "/.", TARGET + "/");

    private HostRuntimeModel() {
    }

    public static Container initContainer(ModelSettings settings) {
        return new ContainerBuilder()
                .withName(NAME)
                .withImage(settings.sidecarImage())
                .withImagePullPolicy(settings.sidecarImagePullPolicy())
                .withCommand(COMMAND)
                // a copy of ~60 MiB: small, and bounded so the init step cannot raise the pod's request much
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("16Mi"))
                        .addToLimits("memory", new Quantity("64Mi")).build())
                .withVolumeMounts(new VolumeMountBuilder().withName(PodVolumes.HOST_RUNTIME).withMountPath(TARGET).build())
                .withSecurityContext(SidecarContainerModel.securityContext(settings))
                .build();
    }
}
