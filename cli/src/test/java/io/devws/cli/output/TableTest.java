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
    void jsonAndYamlAsKubectlPrintsThem() {
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("name", "a");
        doc.put("missing", null);
        doc.put("b", List.of("x"));
        assertThat(Documents.json(java.util.Map.of("e", List.of(), "o", java.util.Map.of()))).isEqualTo("{\n    \"e\": [],\n    \"o\": {}\n}\n");
        assertThat(Documents.json(doc)).isEqualTo("{\n    \"b\": [\n        \"x\"\n    ],\n    \"name\": \"a\"\n}\n");
        assertThat(Documents.yaml(doc)).isEqualTo("b:\n- x\nname: a\n");
        assertThat(Documents.yaml(java.util.Map.of("t", "2026-12-02T18:39:16Z", "v", "12"))).isEqualTo("t: \"2026-12-02T18:39:16Z\"\nv: \"12\"\n");
        assertThat(Documents.yaml(Documents.list(List.of()))).isEqualTo("apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }

    @Test
    void headersCanBeLeftOut() {
        assertThat(new Table("NAME", "POD").row("ws", null).render(false)).isEqualTo("ws   -\n");
    }

    @Test
    void jsonpathTemplatesReadLikeKubectls() {
        java.util.Map<String, Object> doc = Documents.toMap(java.util.Map.of("metadata", java.util.Map.of("name", "ws"),
                "items", List.of(java.util.Map.of("n", 1), java.util.Map.of("n", 2))));
        assertThat(JsonPathTemplate.compile("{.metadata.name}").render(doc)).isEqualTo("ws");
        assertThat(JsonPathTemplate.compile("n={.items[*].n}{\"\\n\"}").render(doc)).isEqualTo("n=1 2\n");
        assertThat(JsonPathTemplate.compile("{.nope}").render(doc)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutputFormat.parse("jsonpath={range .items[*]}{end}"))
                .hasMessageContaining("not supported");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutputFormat.parse("table2")).hasMessageContaining("unknown output format");
        assertThat(OutputFormat.parse("wide").kind()).isEqualTo(OutputFormat.Kind.wide);
    }
}
