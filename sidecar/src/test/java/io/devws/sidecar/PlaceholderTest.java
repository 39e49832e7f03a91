package io.devws.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholderTest {
    @Test
    void resolves() {
        assertThat(Main.class).isNotNull();
    }
}
