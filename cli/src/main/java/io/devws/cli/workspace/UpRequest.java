package io.devws.cli.workspace;

import io.devws.model.ContainerSpec;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** {@code devws up NAME --image IMG [--user UID[:GID]] [--storage SIZE] [--ephemeral] [--idle-timeout D]}. */
public record UpRequest(String name, String namespace, String image, RunAs user, String storage, boolean ephemeral,
                        String idleTimeout) {
    /** The DevWorkspace to create; unset options keep the CRD's defaults. */
    public DevWorkspace toResource() {
        if (image == null || image.isBlank()) {
            throw new WorkspaceException("workspace " + name + " does not exist yet: give an image, e.g. devws up " + name + " --image debian:bookworm --user 0");
        }
        DevWorkspaceSpec spec = new DevWorkspaceSpec();
        spec.setStarted(true);
        spec.setContainer(new ContainerSpec(image));
        if (user != null) {
            user.applyTo(spec.getContainer());
        }
        if (storage != null) {
            spec.getStorage().setSize(storage);
        }
        if (ephemeral) {
            spec.getStorage().setEphemeral(true);
        }
        spec.setIdleTimeout(idleTimeout);
        DevWorkspace ws = new DevWorkspace();
        ws.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        ws.setSpec(spec);
        return ws;
    }
}
