package io.devws.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;

class PlaceholderTest {
    @Test
    void resolves() {
        assertThat(Helm.class).isNotNull();
    }
}
