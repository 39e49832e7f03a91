package io.devws.sidecar.session.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import io.devws.testing.ExecTestServer;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's host start through a real child JVM ({@code devws-sidecar start-host} on this test's class path),
 * whose exec goes to the exec test server named by the child's KUBECONFIG; the fake launcher runs a real socat.
 */
@Timeout(120)
class ChildHostStarterTest {
    static final String POD = WorkspaceNames.of("ws").pod();

    @TempDir
    Path dir;
    ExecTestServer server;
    FakeHost host;
    Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        server = ExecTestServer.start();
        try (KubernetesClient client = server.client()) {
            client.pods().inNamespace("ns").resource(TestWorkspaces.pod("ns", "ws", true)).create();
        }
        host = new FakeHost(dir);
        Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "ns");
        env = Map.of("KUBECONFIG", kubeconfig.toString(), SidecarContract.ENV_POD_NAME, POD,
                SidecarContract.ENV_POD_NAMESPACE, "ns");
    }

    @AfterEach
    void stop() throws IOException {
        host.kill();
        server.close();
    }

    @Test
    void theChildExecsTheLauncherOnceAndExitsWhenTheHostListens() {
        ChildHostStarter starter = ChildHostStarter.forThisJvm(host.command(), env);
        assertThat(starter.command()).contains("start-host", "--launcher", host.launcher.toString(), "--allow-uid", "4242");
        assertThat(starter.start()).isEmpty();
        assertThat(new SocketHostProbe(host.socket).alive()).isTrue();
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.pod()).isEqualTo(POD);
            assertThat(r.container()).isEqualTo(SidecarContract.DEV_CONTAINER);
            assertThat(r.command()).containsExactly(host.launcher.toString(), "start", "--socket", host.socket.toString(),
                    "--allow-uid", "4242");
        });
    }

    @Test
    void aLauncherThatCannotRunGivesItsReasonAsTheVerdict() {
        server.environment(SidecarContract.DEV_CONTAINER, Map.of("FAKE_HOST_FAIL", "1"));
        assertThat(ChildHostStarter.forThisJvm(host.command(), env).start()).contains("devws-host: cannot run: no glibc (fake)");
    }

    @Test
    void aChildThatCannotReachTheApiServerSaysSo() {
        server.close();
        Optional<String> verdict = ChildHostStarter.forThisJvm(host.command(), env).start();
        assertThat(verdict).isPresent();
        assertThat(verdict.get()).startsWith("cannot exec into container dev of pod ns/" + POD);
        assertThat(Files.exists(host.socket)).isFalse();
    }

    @Test
    void theVerdictIsTheLastLineOrTheExitCode() {
        assertThat(ChildHostStarter.verdict("log line\nthe reason\n\n", 1)).isEqualTo("the reason");
        assertThat(ChildHostStarter.verdict("", 134)).isEqualTo("the session host's start process failed (exit 134)");
    }
}
