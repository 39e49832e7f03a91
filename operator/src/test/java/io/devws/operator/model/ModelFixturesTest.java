package io.devws.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table-driven: each folder under src/test/resources/fixtures holds a workspace.yaml and the objects
 * the pure builders must derive from it (pod.yaml, pvc.yaml, ...). After an intended change,
 * regenerate with -Ddevws.updateFixtures=true and review the diff.
 */
class ModelFixturesTest {

    static Map<String, HasMetadata> derive(DevWorkspace ws) {
        Map<String, HasMetadata> out = new LinkedHashMap<>();
        out.put("pod.yaml", WorkspacePodModel.desired(ws, Fixtures.SETTINGS));
        if (!StorageModel.storage(ws).ephemeral()) {
            out.put("pvc.yaml", StorageModel.desired(ws));
        }
        out.put("serviceaccount.yaml", RbacModel.serviceAccount(ws));
        out.put("role.yaml", RbacModel.role(ws));
        out.put("rolebinding.yaml", RbacModel.roleBinding(ws));
        out.put("lease.yaml", ActivityLeaseModel.desired(ws));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "full", "ephemeral", "root-user"})
    void derivesTheExpectedObjects(String fixture) throws IOException {
        DevWorkspace ws = Fixtures.workspace(fixture);
        Path dir = Fixtures.DIR.resolve(fixture);
        Map<String, HasMetadata> derived = derive(ws);
        for (var e : derived.entrySet()) {
            Path expected = dir.resolve(e.getKey());
            if (Boolean.getBoolean("devws.updateFixtures")) {
                Files.writeString(expected, Fixtures.SERIALIZATION.asYaml(e.getValue()));
            }
            assertThat(expected).as("fixture " + expected + " (regenerate with -Ddevws.updateFixtures=true)").exists();
            HasMetadata want = Fixtures.read(expected, e.getValue().getClass());
            assertThat(Fixtures.SERIALIZATION.asYaml(e.getValue())).as(expected.toString())
                    .isEqualTo(Fixtures.SERIALIZATION.asYaml(want));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("workspace.yaml")))
                    .as("no stale expectation files").containsExactlyInAnyOrderElementsOf(derived.keySet());
        }
    }

    /** The fixture types, so a renamed file is caught. */
    static final Map<String, Class<?>> TYPES = Map.of("pod.yaml", Pod.class, "pvc.yaml", PersistentVolumeClaim.class,
            "serviceaccount.yaml", ServiceAccount.class, "role.yaml", Role.class, "rolebinding.yaml", RoleBinding.class,
            "lease.yaml", Lease.class);
}
