package io.devws.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exec test server driven by the unmodified Fabric8 client, as against a cluster. */
@Timeout(60)
class ExecTestServerTest {
    private ExecTestServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = ExecTestServer.start();
        client = server.client();
        client.pods().inNamespace("ns").resource(TestWorkspaces.pod("ns", "ws", true)).create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void separatesStdoutAndStderrAndReportsTheExitCode() throws Exception {
        server.environment(SidecarContract.DEV_CONTAINER, Map.of("GREETING", "hi"));
        try (ExecWatch w = exec(false, "sh", "-c", "echo out $GREETING; echo err >&2; exit 3")) {
            assertThat(readAll(w.getOutput())).isEqualTo("out hi\n");
            assertThat(readAll(w.getError())).isEqualTo("err\n");
            assertThat(w.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        }
        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.command()).containsExactly("sh", "-c", "echo out $GREETING; echo err >&2; exit 3"));
    }

    @Test
    void feedsStdin() throws Exception {
        try (ExecWatch w = exec(false, "sh", "-c", "head -c 5")) {
            w.getInput().write("hello world".getBytes(StandardCharsets.UTF_8));
            w.getInput().flush();
            assertThat(readAll(w.getOutput())).isEqualTo("hello");
            assertThat(w.exitCode().get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void ttyFollowsResize() throws Exception {
        try (ExecWatch w = exec(true, "sh", "-c", "b=$(stty size); echo \"$b\"; " + TerminalSize.untilResized("$b"))) {
            assertThat(readLine(w.getOutput())).matches("\\d+ \\d+").isNotEqualTo("43 132");
            w.resize(132, 43);
            assertThat(readAll(w.getOutput())).contains("43 132");
            assertThat(w.exitCode().get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void answersLikeAnApiServerForMissingPodsContainersAndRbac() {
        assertThatThrownBy(() -> client.pods().inNamespace("ns").withName("nope").inContainer("dev")
                .redirectingOutput().exec("true").exitCode().get(10, TimeUnit.SECONDS))
                .hasStackTraceContaining("Not Found");
        server.denyExec(true);
        assertThatThrownBy(() -> exec(false, "true").exitCode().get(10, TimeUnit.SECONDS))
                .hasStackTraceContaining("403");
    }

    @Test
    void unknownProgramFailsWithoutExitCode() throws Exception {
        try (ExecWatch w = exec(false, "no-such-program-devws")) {
            assertThat(w.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        }
    }

    private ExecWatch exec(boolean tty, String... command) {
        var op = client.pods().inNamespace("ns").withName("ws").inContainer(SidecarContract.DEV_CONTAINER)
                .redirectingInput().redirectingOutput().redirectingError();
        return tty ? op.withTTY().exec(command) : op.exec(command);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Fabric8 ends an exec's output with an IOException instead of EOF after a non-zero exit. */
    private static String readAll(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            assertThat(e).hasRootCauseMessage("process exited with a non-zero exit code: 3");
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
