package io.devws.operator.model;

import io.devws.model.ContainerSpec;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test input: workspaces from YAML fixtures, and fixed operator settings. */
public final class Fixtures {
    public static final Path DIR = Path.of("src/test/resources/fixtures");
    public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    public static final ModelSettings SETTINGS = new ModelSettings("devws.local/devws-sidecar:1.0", "IfNotPresent",
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("160Mi"))
                    .addToLimits("memory", new Quantity("768Mi")).build(),
            null, 10001, 10001);

    private Fixtures() {
    }

    public static DevWorkspace workspace(String name) {
        return read(DIR.resolve(name).resolve("workspace.yaml"), DevWorkspace.class);
    }

    /** A workspace with only the required image set, built in code (for tests against an API server). */
    public static DevWorkspace imageOnly(String namespace, String name) {
        DevWorkspace ws = new DevWorkspace();
        ws.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        DevWorkspaceSpec spec = new DevWorkspaceSpec();
        spec.setContainer(new ContainerSpec("devws.local/dev:bookworm"));
        ws.setSpec(spec);
        return ws;
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return SERIALIZATION.unmarshal(Files.readString(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
