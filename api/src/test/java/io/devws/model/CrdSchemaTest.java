package io.devws.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed DevWorkspaces are rejected by the generated CRD's openAPIV3Schema (the structural
 * subset the API server enforces: types, required, enums, patterns, minimums), valid ones pass.
 * CrdSchemaIT sends the same fixtures to a real API server.
 */
class CrdSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try {
            JsonNode crd = YAML.readTree(CrdCopiesTest.generated());
            JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<ValidationMessage> validate(Path fixture) throws IOException {
        return SCHEMA.validate(YAML.readTree(fixture.toFile()));
    }

    static Stream<Path> invalid() {
        return SchemaFixtures.invalid().stream();
    }

    static Stream<Path> valid() {
        return SchemaFixtures.valid().stream();
    }

    @Test
    void thereAreAtLeastFifteenMalformedFixtures() {
        assertThat(SchemaFixtures.invalid()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(SchemaFixtures.valid()).extracting(p -> p.getFileName().toString())
                .contains("minimal.yaml", "full.yaml", "ephemeral.yaml", "idle-timeout.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsMalformed(Path fixture) throws IOException {
        Set<ValidationMessage> errors = validate(fixture);
        assertThat(errors).as(fixture + " must be rejected").isNotEmpty();
        String field = SchemaFixtures.expectedField(fixture);
        assertThat(errors).as("an error names " + field)
                .anySatisfy(e -> assertThat(e.getMessage()).contains(field));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValid(Path fixture) throws IOException {
        assertThat(validate(fixture)).as(fixture.toString()).isEmpty();
    }

    @Test
    void validFixturesReadIntoTheModel() throws IOException {
        for (Path fixture : List.of(SchemaFixtures.VALID.resolve("full.yaml"), SchemaFixtures.VALID.resolve("minimal.yaml"))) {
            DevWorkspace ws = YAML.readValue(fixture.toFile(), DevWorkspace.class);
            assertThat(ws.getSpec().getContainer().getImage()).isNotBlank();
        }
        DevWorkspace full = YAML.readValue(SchemaFixtures.VALID.resolve("full.yaml").toFile(), DevWorkspace.class);
        assertThat(full.getSpec().getStorage().getMountPath()).isEqualTo("/src");
        assertThat(full.getSpec().idleTimeoutDuration()).hasValue(java.time.Duration.ofMinutes(90));
        assertThat(full.getSpec().getContainer().getImagePullPolicy()).isEqualTo(ImagePullPolicy.Always);
        DevWorkspace minimal = YAML.readValue(SchemaFixtures.VALID.resolve("minimal.yaml").toFile(), DevWorkspace.class);
        // Java defaults mirror the schema defaults
        assertThat(minimal.getSpec().started()).isTrue();
        assertThat(minimal.getSpec().getStorage().getSize()).isEqualTo("10Gi");
        assertThat(minimal.getSpec().getStorage().getMountPath()).isEqualTo("/workspace");
        assertThat(minimal.getSpec().getSsh().getKeepaliveInterval()).isEqualTo("30s");
        assertThat(minimal.getSpec().idleTimeoutDuration()).isEmpty();
    }
}
