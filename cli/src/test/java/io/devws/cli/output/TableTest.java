package io.devws.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsArePaddedThreeSpacesApartAndEmptyCellsAreDashes() {
        String table = new Table("NAME", "PHASE", "POD").row("a", "Running", "a-pod").row("longer-name", null, "").render();
        assertThat(table).isEqualTo("""
                NAME          PHASE     POD
                a             Running   a-pod
                longer-name   -         -
                """);
    }

    @Test
    void agesAreShortLikeKubectls() {
        assertThat(Ages.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Ages.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Ages.format(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(Ages.format(Duration.ofDays(9))).isEqualTo("9d");
        assertThat(Ages.format(Duration.ofSeconds(-3))).isEqualTo("0s");
    }

    @Test
    void jsonAndYamlLeaveOutNulls() {
        record Row(String name, String pod) {
        }
        assertThat(Serializer.render(List.of(new Row("a", null)), OutputFormat.json)).isEqualTo("[ {\n  \"name\" : \"a\"\n} ]\n");
        assertThat(Serializer.render(new Row("a", "p"), OutputFormat.yaml)).isEqualTo("name: a\npod: p\n");
    }
}
