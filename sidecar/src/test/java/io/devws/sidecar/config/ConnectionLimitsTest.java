package io.devws.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        ConnectionLimits l = ConnectionLimits.defaults();
        assertThat(l.maxChannels()).isEqualTo(64);
        assertThat(l.maxListeners()).isEqualTo(32);
        assertThat(l.maxEnv()).isEqualTo(32);
        assertThat(l.maxEnvBytes()).isEqualTo(4096);
        assertThat(l.authTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(l.acceptsEnv("LANG")).isTrue();
        assertThat(l.acceptsEnv("LC_ALL")).isTrue();
        assertThat(l.acceptsEnv("GIT_PROTOCOL")).isTrue();
        assertThat(l.acceptsEnv("LANGUAGE")).isFalse(); // LANG is a name, not a prefix
        assertThat(l.acceptsEnv("LD_PRELOAD")).isFalse();
        assertThat(l.acceptsEnv("PATH")).isFalse();
    }

    @Test
    void variablesOverrideTheDefaults() {
        ConnectionLimits l = ConnectionLimits.fromEnvironment(Map.of("DEVWS_MAX_CHANNELS", "8",
                "DEVWS_ACCEPT_ENV", "FOO, BAR_*", "DEVWS_AUTH_TIMEOUT", "1m30s"));
        assertThat(l.maxChannels()).isEqualTo(8);
        assertThat(l.authTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(l.acceptsEnv("FOO")).isTrue();
        assertThat(l.acceptsEnv("BAR_X")).isTrue();
        assertThat(l.acceptsEnv("LANG")).isFalse();
    }

    @Test
    void aBadValueIsOneLineNamingTheVariable() {
        assertThatThrownBy(() -> ConnectionLimits.fromEnvironment(Map.of("DEVWS_MAX_ENV", "0")))
                .hasMessage("DEVWS_MAX_ENV must be a positive whole number, not '0'");
        assertThatThrownBy(() -> ConnectionLimits.fromEnvironment(Map.of("DEVWS_MAX_LISTENERS", "lots")))
                .hasMessage("DEVWS_MAX_LISTENERS must be a positive whole number, not 'lots'");
        assertThatThrownBy(() -> ConnectionLimits.fromEnvironment(Map.of("DEVWS_AUTH_TIMEOUT", "soon")))
                .hasMessage("DEVWS_AUTH_TIMEOUT must be a duration such as 30s or 1m, not 'soon'");
    }
}
