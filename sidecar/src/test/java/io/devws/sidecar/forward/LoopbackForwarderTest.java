package io.devws.sidecar.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.Test;

class LoopbackForwarderTest {
    @Test
    void wildcardAndForeignBindAddressesBecomeLoopback() {
        assertThat(LoopbackForwarder.toLoopback(new SshdSocketAddress("", 8080)))
                .isEqualTo(new SshdSocketAddress("127.0.0.1", 8080));
        assertThat(LoopbackForwarder.toLoopback(new SshdSocketAddress("0.0.0.0", 8080)))
                .isEqualTo(new SshdSocketAddress("127.0.0.1", 8080));
        assertThat(LoopbackForwarder.toLoopback(new SshdSocketAddress("10.1.2.3", 1)))
                .isEqualTo(new SshdSocketAddress("127.0.0.1", 1));
    }

    @Test
    void loopbackRequestsStayAsTheyAre() {
        SshdSocketAddress localhost = new SshdSocketAddress("localhost", 9000);
        assertThat(LoopbackForwarder.toLoopback(localhost)).isSameAs(localhost);
        SshdSocketAddress v6 = new SshdSocketAddress("::1", 9000);
        assertThat(LoopbackForwarder.toLoopback(v6)).isSameAs(v6);
    }
}
