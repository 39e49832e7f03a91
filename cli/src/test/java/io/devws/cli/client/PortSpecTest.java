package io.devws.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.cli.client.PortSpec.Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PortSpecTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "8080                      | localhost:8080       | localhost:8080",
        "3000:8080                 | localhost:3000       | localhost:8080",
        "3000:db:5432              | localhost:3000       | db:5432",
        "0.0.0.0:3000:db:5432      | 0.0.0.0:3000         | db:5432",
        "3000:[::1]:5432           | localhost:3000       | [::1]:5432",
        "/tmp/a.sock               | /tmp/a.sock          | /tmp/a.sock",
        "8080:/run/app.sock        | localhost:8080       | /run/app.sock",
        "/tmp/pg.sock:5432         | /tmp/pg.sock         | localhost:5432",
        "/tmp/a.sock:/run/b.sock   | /tmp/a.sock          | /run/b.sock",
    })
    void parses(String spec, String listen, String target) {
        PortSpec parsed = PortSpec.parse(spec);
        assertThat(parsed.listen()).hasToString(listen);
        assertThat(parsed.target()).hasToString(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "70000", "http", "1:2:3:4:5", "80:", ":80", "3000:a/b:80", "1:2:x"})
    void rejectsWithTheGrammarInTheMessage(String spec) {
        assertThatThrownBy(() -> PortSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid port spec '" + spec + "'").hasMessageContaining("use PORT, LOCAL:REMOTE");
    }

    @org.junit.jupiter.api.Test
    void unixEndpointsKnowWhatTheyAre() {
        assertThat(PortSpec.parse("/a:/b").target()).isEqualTo(Endpoint.unix("/b"));
        assertThat(PortSpec.parse("1:2").target().isUnix()).isFalse();
    }
}
