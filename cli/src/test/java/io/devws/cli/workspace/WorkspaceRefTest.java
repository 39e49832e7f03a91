package io.devws.cli.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceRefTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "ws,                 ws,  -",
        "ws.team,            ws,  team",
        "ws.devws,           ws,  -",
        "ws.team.devws,      ws,  team",
        "WS.Team.DEVWS,      ws,  team",
        "my-ws-2.team-a,     my-ws-2, team-a",
        "ws.devws.devws,     ws,  devws",
    })
    void readsEveryForm(String text, String name, String namespace) {
        assertThat(WorkspaceRef.parse(text)).isEqualTo(new WorkspaceRef(name, namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b.c", "a.b.c.devws", "-ws", "ws_1", "ws.", ".team", "ws.-team", "ws..devws"})
    void rejectsWithOneLineThatShowsTheGrammar(String text) {
        assertThatThrownBy(() -> WorkspaceRef.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("\n").containsAnyOf("NAME", "name", "namespace");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"ws.example, ws, -", "ws.team.example, ws, team"})
    void honoursAnotherHostSuffix(String text, String name, String namespace) {
        assertThat(WorkspaceRef.parse(text, "example")).isEqualTo(new WorkspaceRef(name, namespace));
    }

    @ParameterizedTest
    @CsvSource({"ws, other, other", "ws.team, other, team"})
    void theReferencesNamespaceWins(String text, String fallback, String expected) {
        KubeOptions flags = new KubeOptions();
        flags.namespace = fallback;
        flags.context = "ctx";
        KubeOptions scoped = flags.inNamespace(WorkspaceRef.parse(text).namespace());
        assertThat(scoped.namespace).isEqualTo(expected);
        assertThat(scoped.context).isEqualTo("ctx");
    }
}
