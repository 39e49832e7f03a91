package io.devws.transport.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecProtocolTest {
    @Test
    void negotiatesLikeKubectlBestFirst() {
        assertThat(ExecProtocol.NEGOTIATION).containsExactly(ExecProtocol.WEBSOCKET_V5, ExecProtocol.SPDY, ExecProtocol.WEBSOCKET_V4);
        assertThat(ExecProtocol.WEBSOCKET_V4.halfClose()).isFalse();
        assertThat(ExecProtocol.SPDY.halfClose()).isTrue();
        assertThat(ExecProtocol.WEBSOCKET_V5.version()).isEqualTo("v5.channel.k8s.io");
    }

    @Test
    void parsesAnOrderedListAndNamesTheChoicesOnBadInput() {
        assertThat(ExecProtocol.parseList(" spdy, v4,spdy ")).containsExactly(ExecProtocol.SPDY, ExecProtocol.WEBSOCKET_V4);
        assertThatThrownBy(() -> ExecProtocol.parseList("http2")).hasMessage("unknown exec protocol 'http2' (use v5, spdy, v4)");
        assertThatThrownBy(() -> ExecProtocol.parseList(" , ")).hasMessageContaining("no exec protocol");
        assertThatThrownBy(() -> ExecTls.Mode.parse("gnutls")).hasMessage("unknown TLS engine 'gnutls' (use auto, native, jdk)");
        assertThat(ExecTls.Mode.parse(null)).isEqualTo(ExecTls.Mode.AUTO);
    }

    @Test
    void noProxyMatchesHostsAndDomainSuffixes() {
        String[] noProxy = {"localhost", ".internal", "example.com"};
        assertThat(ExecProxy.bypassed(noProxy, "localhost")).isTrue();
        assertThat(ExecProxy.bypassed(noProxy, "api.internal")).isTrue();
        assertThat(ExecProxy.bypassed(noProxy, "k8s.example.com")).isTrue();
        assertThat(ExecProxy.bypassed(noProxy, "notexample.com")).isFalse();
        assertThat(ExecProxy.bypassed(new String[] {"*"}, "anything")).isTrue();
        assertThat(ExecProxy.bypassed(null, "anything")).isFalse();
    }
}
