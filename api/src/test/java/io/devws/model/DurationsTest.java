package io.devws.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesGoStyleDurations() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void rejectsWhatTheSchemaRejects() {
        for (String bad : new String[] {"", "30", "1d", "-5m", "5 m", "PT5M", "m5"}) {
            assertThat(bad.matches(Durations.PATTERN)).as(bad).isFalse();
            assertThatThrownBy(() -> Durations.parse(bad)).hasMessageContaining("e.g. 30s");
        }
    }

    @Test
    void formatsTheShortestSpelling() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.parse(Durations.format(Duration.ofSeconds(3725)))).isEqualTo(Duration.ofSeconds(3725));
    }
}
