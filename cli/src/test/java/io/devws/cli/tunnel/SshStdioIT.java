package io.devws.cli.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SidecarContract;
import io.devws.testing.ExecTestServer;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devws ssh --stdio} as a real process against the exec test server: the real Fabric8 exec
 * WebSocket, with a stand-in {@code devws-sidecar} on the sidecar container's PATH (a shell script),
 * so the tunnel is tested apart from the SSH server. The full path with OpenSSH is {@code FullPathIT}.
 */
@Timeout(90)
class SshStdioIT {
    static final String NS = "team";
    @TempDir
    Path dir;
    ExecTestServer server;
    KubernetesClient client;
    Path kubeconfig;

    @BeforeEach
    void start() {
        server = ExecTestServer.start();
        client = server.client();
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), NS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Puts a devws-sidecar script with this body on the sidecar container's PATH. */
    void sidecarScript(String body) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("devws-sidecar");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        server.environment(SidecarContract.SIDECAR_CONTAINER, Map.of("PATH", bin + ":" + System.getenv("PATH")));
    }

    ProxyProcess devws(String workspace, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "ssh";
        args[1] = "--stdio";
        args[2] = workspace;
        args[3] = "--kubeconfig=" + kubeconfig;
        System.arraycopy(more, 0, args, 4, more.length);
        return ProxyProcess.start(args);
    }

    @Test
    void relaysBytesBothWaysThroughTheExecOfExactlyTheStdioCommand() throws Exception {
        sidecarScript("echo \"args: $*\" >&2; exec cat");
        TestWorkspaces.running(client, NS, "ws");
        try (ProxyProcess p = devws("ws.devws")) {
            p.send("hello through the tunnel\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> p.out().equals("hello through the tunnel\n"));
            p.stdin().close();
            assertThat(p.waitFor(10)).as(p.err()).isZero();
            assertThat(p.err()).contains("args: ssh-server --stdio");
        }
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.container()).isEqualTo(SidecarContract.SIDECAR_CONTAINER);
            assertThat(r.command()).containsExactly(SidecarContract.STDIO_COMMAND);
            assertThat(r.tty()).isFalse();
        });
    }

    @Test
    void everyWorkspaceFormReachesTheRightPod() throws Exception {
        sidecarScript("echo ok; exit 0");
        TestWorkspaces.running(client, "other", "ws2");
        for (String form : new String[] {"ws2.other", "ws2.other.devws"}) {
            try (ProxyProcess p = devws(form)) {
                assertThat(p.waitFor(30)).as(p.err()).isZero();
                assertThat(p.out()).isEqualTo("ok\n");
            }
        }
        try (ProxyProcess p = devws("ws2", "-n", "other")) {
            assertThat(p.waitFor(30)).as(p.err()).isZero();
        }
        assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.namespace()).isEqualTo("other"));
    }

    @Test
    void remoteEndEndsTheTunnelWithItsOutputComplete() throws Exception {
        sidecarScript("head -c 100000 /dev/zero | tr '\\0' x; exit 0");
        TestWorkspaces.running(client, NS, "ws");
        try (ProxyProcess p = devws("ws")) {
            assertThat(p.waitFor(30)).as(p.err()).isZero();
            assertThat(p.out()).hasSize(100000).matches("x+");
        }
    }

    @Test
    void aFailingStdioServerIsExit255WithOneLine() throws Exception {
        sidecarScript("echo 'cannot read host key' >&2; exit 3");
        TestWorkspaces.running(client, NS, "ws");
        try (ProxyProcess p = devws("ws")) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).contains("cannot read host key").contains("devws: the workspace's SSH server ended with exit code 3");
        }
    }

    @Test
    void aSidecarWithoutTheCommandIsExit255NamingThePath() throws Exception {
        server.environment(SidecarContract.SIDECAR_CONTAINER, Map.of("PATH", dir.toString()));
        TestWorkspaces.running(client, NS, "ws");
        try (ProxyProcess p = devws("ws")) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).contains("devws: 'devws-sidecar ssh-server --stdio' did not start")
                    .contains("must have devws-sidecar on its PATH");
        }
    }

    @Test
    void unknownWorkspaceIsExit255() throws Exception {
        try (ProxyProcess p = devws("nope.devws")) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).isEqualTo("devws: workspace nope not found in namespace team: see `devws list -n team`,"
                    + " or create it with `devws up nope --image IMAGE`\n");
        }
        try (ProxyProcess p = devws("a.b.c.devws")) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).startsWith("devws: cannot read workspace 'a.b.c.devws'").hasLineCount(1);
        }
    }

    @Test
    void forbiddenExecNamesTheMissingPermission() throws Exception {
        sidecarScript("exec cat");
        TestWorkspaces.running(client, NS, "ws");
        server.denyExec(true);
        try (ProxyProcess p = devws("ws")) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).isEqualTo("devws: not allowed to exec into pod ws in namespace team: your user needs RBAC verbs"
                    + " 'create' and 'get' on resource 'pods/exec' there (check: kubectl auth can-i create pods/exec -n team)\n");
        }
    }

    @Test
    void withNoStartAStoppedWorkspaceStaysStoppedAndSaysHowToStartIt() throws Exception {
        TestWorkspaces.stopped(client, NS, "ws");
        try (ProxyProcess p = devws("ws", "--no-start")) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).isEqualTo("devws: workspace ws in namespace team is stopped: run `devws start ws`"
                    + " (--no-start keeps it stopped on connect)\n");
        }
        assertThat(client.resources(DevWorkspace.class).inNamespace(NS).withName("ws").get().getSpec().started()).isFalse();
    }

    @Test
    void connectingStartsAStoppedWorkspaceSayingOneLineWithoutATerminal() throws Exception {
        sidecarScript("echo ready; exit 0");
        TestWorkspaces.stopped(client, NS, "ws");
        // without a terminal the client says nothing while it waits: the pod stays not Ready for a while
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> actLikeTheOperator(pause(1500)));
        try (ProxyProcess p = devws("ws.devws")) {
            assertThat(p.waitFor(60)).as(p.err()).isZero();
            assertThat(p.out()).isEqualTo("ready\n");
            assertThat(p.err()).isEqualTo("devws: starting workspace ws (waiting up to 60s)\n");
        }
        operator.join();
    }

    @Test
    void startStartsAndWaitsSayingWhatItWaitsFor() throws Exception {
        sidecarScript("echo ready; exit 0");
        TestWorkspaces.stopped(client, NS, "ws");
        java.util.concurrent.atomic.AtomicReference<ProxyProcess> proxy = new java.util.concurrent.atomic.AtomicReference<>();
        // the pod turns Ready only once the client has said what it waits for: observed, not timed
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> actLikeTheOperator(
                () -> proxy.get() != null && proxy.get().err().contains("devws: waiting for workspace ws: ")));
        try (ProxyProcess p = devws("ws", "--start")) {
            proxy.set(p);
            assertThat(p.waitFor(60)).as(p.err()).isZero();
            assertThat(p.out()).isEqualTo("ready\n");
            assertThat(p.err()).contains("devws: starting workspace ws").contains("devws: waiting for workspace ws: ");
        }
        operator.join();
    }

    /** Once spec.started is true: a pod that is not Ready, then Ready once {@code ready} holds, as the operator and kubelet do. */
    private void actLikeTheOperator(java.util.function.BooleanSupplier ready) {
        var ws = client.resources(DevWorkspace.class).inNamespace(NS).withName("ws");
        await().atMost(Duration.ofSeconds(30)).until(() -> ws.get().getSpec().started());
        client.pods().inNamespace(NS).resource(TestWorkspaces.pod(NS, "ws", false)).create();
        DevWorkspace current = ws.get();
        DevWorkspaceStatus status = new DevWorkspaceStatus();
        status.setPhase(Phase.Starting);
        status.setPodName("ws");
        status.setMessage("starting containers");
        current.setStatus(status);
        ws.updateStatus(current);
        await().atMost(Duration.ofSeconds(30)).until(ready::getAsBoolean);
        client.pods().inNamespace(NS).resource(TestWorkspaces.pod(NS, "ws", true)).update();
    }

    @Test
    void podFoundByLabelWhenTheStatusHasNoName() throws Exception {
        sidecarScript("echo by-label; exit 0");
        client.pods().inNamespace(NS).resource(TestWorkspaces.pod(NS, "ws", true)).create();
        TestWorkspaces.workspace(client, NS, "ws", true, Phase.Running, null);
        try (ProxyProcess p = devws("ws")) {
            assertThat(p.waitFor(30)).as(p.err()).isZero();
            assertThat(p.out()).isEqualTo("by-label\n");
        }
    }

    @Test
    void notReadyWithinTheTimeoutIsExit255() throws Exception {
        client.pods().inNamespace(NS).resource(TestWorkspaces.pod(NS, "ws", false)).create();
        TestWorkspaces.workspace(client, NS, "ws", true, Phase.Starting, "ws");
        long t0 = System.nanoTime();
        try (ProxyProcess p = devws("ws", "--timeout", "2s")) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).contains("devws: workspace ws was not ready within 2s");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void lostApiServerEndsTheTunnelWithin5Seconds() throws Exception {
        sidecarScript("exec cat");
        TestWorkspaces.running(client, NS, "ws");
        try (ProxyProcess p = devws("ws")) {
            p.send("ping\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> p.out().equals("ping\n"));
            long t0 = System.nanoTime();
            server.stop();
            int code = p.waitFor(10);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(code).isEqualTo(255);
            assertThat(p.err()).startsWith("devws: lost the exec connection to pod ws in namespace team").hasLineCount(1);
        }
    }

    /**
     * How ssh ends its ProxyCommand: it closes the pipes and sends SIGHUP at once. The tunnel ends without a word
     * (a caller that captures ssh's stderr, or the user's terminal, would show it) and at once: HotSpot's exit waits
     * at least 300 ms (30 x 10 ms) while a thread sits in native code, such as an event loop in epoll, so the
     * fastest of three hang-ups below 300 ms shows the client's event loops were stopped first.
     */
    @Test
    void hangUpAsSshDoesEndsQuietlyAndPromptly() throws Exception {
        sidecarScript("exec cat");
        TestWorkspaces.running(client, NS, "ws");
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            try (ProxyProcess p = devws("ws")) {
                p.send("ping\n");
                await().atMost(Duration.ofSeconds(20)).until(() -> p.out().equals("ping\n"));
                long t0 = System.nanoTime();
                p.stdin().close();
                new ProcessBuilder("kill", "-HUP", String.valueOf(p.pid())).start().waitFor();
                int code = p.waitFor(10);
                fastest = Math.min(fastest, Duration.ofNanos(System.nanoTime() - t0).toMillis());
                assertThat(code).as(p.err()).isIn(0, 129);
                assertThat(p.err()).isEmpty();
            }
        }
        assertThat(fastest).isLessThan(300);
    }

    @Test
    void missingKubeconfigIsOneLine() throws Exception {
        try (ProxyProcess p = ProxyProcess.start("ssh", "--stdio", "ws", "--kubeconfig", dir.resolve("nope").toString())) {
            assertThat(p.waitFor(30)).isEqualTo(255);
            assertThat(p.err()).startsWith("devws: kubeconfig ").contains("not found").hasLineCount(1);
        }
    }

    /** True once {@code ms} have passed since it was made. */
    private static java.util.function.BooleanSupplier pause(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        return () -> System.nanoTime() >= until;
    }
}
