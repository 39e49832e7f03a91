package io.devws.sidecar.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSpecsTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.5", 50123);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 22);

    @Test
    void ptyRequestBecomesASizeAndSshVariablesAreSet() {
        ProcessSpec spec = SessionSpecs.of(null, Map.of("TERM", "xterm", "COLUMNS", "120", "LINES", "40",
                "USER", "whoever", "LANG", "C.UTF-8"), CLIENT, SERVER, "/w");
        assertThat(spec.interactiveShell()).isTrue();
        assertThat(spec.pty()).isEqualTo(new ProcessSpec.PtySize(120, 40));
        assertThat(spec.env()).containsEntry("TERM", "xterm").containsEntry("LANG", "C.UTF-8")
                .containsEntry("SSH_CONNECTION", "10.0.0.5 50123 127.0.0.1 22")
                .containsEntry("SSH_CLIENT", "10.0.0.5 50123 22")
                .doesNotContainKeys("COLUMNS", "LINES", "USER");
        assertThat(spec.workdir()).isEqualTo("/w");
    }

    @Test
    void withoutPtyThereIsNoSizeAndNoTerm() {
        ProcessSpec spec = SessionSpecs.of("ls", Map.of("TERM", "xterm"), CLIENT, SERVER, null);
        assertThat(spec.pty()).isNull();
        assertThat(spec.env()).doesNotContainKey("TERM");
        assertThat(spec.command()).isEqualTo("ls");
    }

    @Test
    void aZeroByZeroPtyFromSshTtIs80By24() {
        ProcessSpec spec = SessionSpecs.of(null, Map.of("COLUMNS", "0", "LINES", "0"), CLIENT, SERVER, null);
        assertThat(spec.pty()).isEqualTo(new ProcessSpec.PtySize(80, 24));
    }
}
