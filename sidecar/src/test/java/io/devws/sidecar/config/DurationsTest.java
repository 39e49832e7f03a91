package io.devws.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesTheUsualForms() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("0")).isZero();
    }

    @Test
    void acceptsEveryFormTheCrdAccepts() {
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h0m5s")).isEqualTo(Duration.ofSeconds(3605));
    }

    @Test
    void rejectsNonsenseWithAHint() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("e.g. 30s");
    }
}
