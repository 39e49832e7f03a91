package io.devws.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidecarLocatorTest {
    @Test
    void searchOrderIsExplicitThenBesideTheCliThenTheBuildTreeThenPath() {
        assertThat(SidecarLocator.candidates(Map.of("DEVWS_SIDECAR", "/x/devws-sidecar", "PATH", "/usr/local/bin:/usr/bin"), null, Path.of("/opt/devws")))
                .containsExactly(Path.of("/x/devws-sidecar"), Path.of("/opt/devws/devws-sidecar"), Path.of("/sidecar/target/devws-sidecar"),
                        Path.of("/usr/local/bin/devws-sidecar"), Path.of("/usr/bin/devws-sidecar"));
        assertThat(SidecarLocator.candidates(Map.of("DEVWS_SIDECAR", "/x"), "/prop/devws-sidecar", Path.of("/w/cli/target")))
                .startsWith(Path.of("/prop/devws-sidecar"), Path.of("/w/cli/target/devws-sidecar"), Path.of("/w/sidecar/target/devws-sidecar"));
    }

    @Test
    void localTargetsAcceptTheSshHostForm() {
        assertThat(LocalTarget.name("demo")).isEqualTo("demo");
        assertThat(LocalTarget.name("Demo.local.devws")).isEqualTo("demo");
        assertThat(LocalTarget.name("demo.local.ws.example")).isEqualTo("demo");
    }
}
