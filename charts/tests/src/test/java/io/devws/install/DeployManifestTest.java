package io.devws.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.devws.install.render.Chart;
import io.devws.install.render.Manifests;
import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/operator.yaml is the chart rendered with its defaults (release "devws", namespace "devws-system")
 * plus the Namespace. Regenerate after a chart change:
 * {@code mvn -pl charts/tests test -Dtest=DeployManifestTest -Ddevws.deploy.write=true}.
 */
class DeployManifestTest {
    static final String RELEASE = "devws-operator";
    static final String NAMESPACE = "devws-system";
    private static final Path OPERATOR_YAML = RepoPaths.deploy().resolve("operator.yaml");

    static String expected() {
        // no PodDisruptionBudget: its API version depends on the cluster's (policy/v1 from 1.21), which a
        // plain manifest cannot ask; the chart picks the right one
        String rendered = new Chart(RepoPaths.chart()).template(RELEASE, NAMESPACE, null,
                Map.of("podDisruptionBudget.enabled", false));
        return "# devws operator: Namespace, RBAC, Deployment. GENERATED from charts/devws-operator with its default values\n"
                + "# (release \"" + RELEASE + "\", namespace \"" + NAMESPACE + "\") by charts/tests DeployManifestTest; do not edit.\n"
                + "# No PodDisruptionBudget: its API version depends on the cluster (policy/v1 from Kubernetes 1.21).\n"
                + "# Install: kubectl apply -f deploy/crds/ && kubectl apply -f deploy/operator.yaml\n"
                + "---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NAMESPACE + "\n"
                + "  labels:\n    app.kubernetes.io/part-of: devws\n"
                + rendered.stripTrailing() + "\n";
    }

    @Test
    void operatorYamlIsTheRenderedChart() throws IOException {
        String expected = expected();
        if (Boolean.getBoolean("devws.deploy.write")) {
            Files.writeString(OPERATOR_YAML, expected);
        }
        assertThat(OPERATOR_YAML).as("deploy/operator.yaml is stale: regenerate it (see this test's javadoc)")
                .hasContent(expected);
        Manifests m = Manifests.parse(Files.readString(OPERATOR_YAML));
        assertThat(m.one(Namespace.class).getMetadata().getName()).isEqualTo(NAMESPACE);
        assertThat(m.one(Deployment.class).getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        ChartRenderTest.assertTypedWithoutUnknownFields(m);
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.deploy().resolve("samples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theSamplesCoverMinimalEphemeralAndIdleTimeout() throws IOException {
        List<DevWorkspace> all = samples().map(DeployManifestTest::strict).toList();
        assertThat(all).anySatisfy(w -> assertThat(w.getSpec().getStorage().getEphemeral()).isTrue());
        assertThat(all).anySatisfy(w -> assertThat(w.getSpec().idleTimeoutDuration()).isPresent());
        DevWorkspace minimal = strict(RepoPaths.deploy().resolve("samples/minimal.yaml"));
        assertThat(minimal.getSpec().getStorage().getEphemeral()).isFalse();
        assertThat(minimal.getSpec().getIdleTimeout()).isNull();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void eachSampleIsAStrictlyValidDevWorkspace(Path sample) {
        DevWorkspace w = strict(sample);
        assertThat(w.getMetadata().getName()).isNotBlank();
        assertThat(w.getSpec().getContainer().getImage()).isNotBlank();
    }

    /** Parses with unknown properties refused, so a misspelt field in a sample fails here. */
    static DevWorkspace strict(Path sample) {
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return mapper.readValue(sample.toFile(), DevWorkspace.class);
        } catch (IOException e) {
            throw new AssertionError(sample + ": " + e.getMessage(), e);
        }
    }
}
