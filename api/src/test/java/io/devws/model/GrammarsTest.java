package io.devws.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One grammar for durations and one for quantities: the chart's values schema uses the same patterns as the code. */
class GrammarsTest {
    @Test
    void theChartsDurationsAreTheCrdsDurations() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Path.of("../charts/devws-operator/values.schema.json").toFile());
        assertThat(schema.at("/definitions/duration/pattern").asText()).isEqualTo(Durations.PATTERN);
    }

    @Test
    void parsesEveryDurationFormOfTheIssue() {
        assertThat(Durations.parse("90s")).hasSeconds(90);
        assertThat(Durations.parse("1m30s")).hasSeconds(90);
        assertThat(Durations.parse("2h")).hasHours(2);
    }

    @Test
    void quantitiesAreKubernetesQuantities() {
        assertThat(Quantities.parse("20Gi").getNumericalAmount()).isEqualByComparingTo("21474836480");
        assertThat(Quantities.parse("500M").getNumericalAmount()).isEqualByComparingTo("500000000");
        assertThat(Quantities.parse("1.5Ti").getNumericalAmount()).isEqualByComparingTo("1649267441664");
        for (String bad : new String[] {"lots", "", "20GB", "-1Gi", "0", "0Gi", "Gi", "1 Gi"}) {
            assertThatThrownBy(() -> Quantities.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("e.g. 20Gi");
        }
    }
}
