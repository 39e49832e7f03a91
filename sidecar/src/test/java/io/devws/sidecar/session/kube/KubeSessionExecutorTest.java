package io.devws.sidecar.session.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.SidecarContract;
import io.devws.testing.TerminalSize;
import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionProcess;
import io.devws.sidecar.session.SessionProcess.ExitStatus;
import io.devws.testing.ExecRequest;
import io.devws.testing.ExecTestServer;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The kube executor against the exec test server: real Fabric8 exec, real local processes as the "dev" container. */
@Timeout(60)
class KubeSessionExecutorTest {
    @TempDir
    Path dir;
    ExecTestServer server;
    KubernetesClient client;
    KubeSessionExecutor executor;

    /** The exec protocols the server offers (SPDY by default: stdin EOF is a real half-close). */
    ExecTestServer.Offer offer() {
        return ExecTestServer.Offer.fromSystemProperty();
    }

    @BeforeEach
    void start() {
        server = ExecTestServer.start(offer());
        client = server.client();
        client.pods().inNamespace("ns").resource(TestWorkspaces.pod("ns", "ws", true)).create();
        executor = new KubeSessionExecutor(client, new KubeTarget("ns", "ws", SidecarContract.DEV_CONTAINER), false, dir);
    }

    @AfterEach
    void stop() {
        executor.close();
        client.close();
        server.close();
    }

    @Test
    void execKeepsStreamsApartAndReportsTheExitCode() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("echo out $FOO; echo err >&2; exit 3",
                Map.of("FOO", "bar baz", "SSH_AUTH_SOCK", "/run/devws/agent/agent.sock"), null, null));
        CompletableFuture<String> out = readAsync(p.stdout());
        CompletableFuture<String> err = readAsync(p.stderr());
        assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(3));
        assertThat(out.get(5, TimeUnit.SECONDS)).isEqualTo("out bar baz\n");
        assertThat(err.get(5, TimeUnit.SECONDS)).isEqualTo("err\n");
        ExecRequest request = server.requests().get(0);
        assertThat(request.container()).isEqualTo(SidecarContract.DEV_CONTAINER);
        assertThat(request.tty()).isFalse();
        // the client's variables and command travelled through the shared directory, not the exec URL (audit logs)
        assertThat(String.join(" ", request.command())).doesNotContain("bar baz").doesNotContain("echo out");
        try (var left = Files.list(dir)) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith("devws-session-"))).as("settings deleted").isEmpty();
        }
    }

    @Test
    void variablesWorkingDirectoryAndLoginShellReachTheProcess() throws Exception {
        Path work = Files.createDirectories(dir.resolve("my work"));
        SessionProcess p = executor.start(new ProcessSpec("echo \"$SSH_AUTH_SOCK|$(pwd)|$SHELL|$DEVWS_SESSION\"",
                Map.of("SSH_AUTH_SOCK", "/run/devws/agent/agent.sock"), work.toString(), null));
        String out = readAsync(p.stdout()).get(10, TimeUnit.SECONDS);
        String[] f = out.trim().split("\\|");
        assertThat(f[0]).isEqualTo("/run/devws/agent/agent.sock");
        assertThat(f[1]).isEqualTo(work.toString());
        assertThat(f[2]).isEqualTo(loginShellOfThisUser());
        assertThat(f[3]).isNotBlank();
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isZero();
    }

    @Test
    void missingWorkingDirectoryFallsBackToHome() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("pwd", Map.of(), dir.resolve("nope").toString(), null));
        assertThat(readAsync(p.stdout()).get(10, TimeUnit.SECONDS).trim()).isEqualTo(System.getenv("HOME"));
    }

    @Test
    void ptyFollowsResizeAndSetsSshTty() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("stty size; echo \"tty=$SSH_TTY\"; " + TerminalSize.untilResized("30 100"),
                Map.of("TERM", "xterm"), null, new ProcessSpec.PtySize(100, 30)));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<String> all = readAsync(p.stdout(), seen);
        await().atMost(Duration.ofSeconds(10)).until(() -> contains(seen, "tty=/dev/"));
        assertThat(seen.toString()).contains("30 100");
        p.resize(132, 43);
        assertThat(all.get(10, TimeUnit.SECONDS)).contains("43 132");
        assertThat(p.stderr().read()).isEqualTo(-1);
        assertThat(server.requests().get(0).tty()).isTrue();
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isZero();
    }

    @Test
    void interactiveLoginShellReadsCommandsFromTheTerminal() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec(null, Map.of("TERM", "dumb"), null, new ProcessSpec.PtySize(80, 24)));
        CompletableFuture<String> out = readAsync(p.stdout());
        p.stdin().write("echo \"marker-$((6*7))\"; exit 7\n".getBytes(StandardCharsets.UTF_8));
        p.stdin().flush();
        assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(7));
        assertThat(out.get(5, TimeUnit.SECONDS)).contains("marker-42");
    }

    @Test
    void ctrlCThroughThePtyInterruptsTheForegroundCommand() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("sleep 30; echo not-interrupted", Map.of(), null,
                new ProcessSpec.PtySize(80, 24)));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<String> out = readAsync(p.stdout(), seen);
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.liveProcesses("sleep 30").isEmpty());
        p.stdin().write(3);
        p.stdin().flush();
        ExitStatus status = p.onExit().get(10, TimeUnit.SECONDS);
        assertThat(status.code()).isNotZero();
        assertThat(out.get(5, TimeUnit.SECONDS)).doesNotContain("not-interrupted");
    }

    @Test
    void signalsTravelBySecondExec() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("trap 'echo got-term; exit 42' TERM; sleep 30 & wait", Map.of(), null, null));
        CompletableFuture<String> out = readAsync(p.stdout());
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.liveProcesses("sleep 30").isEmpty());
        assertThat(p.signal("TERM")).isTrue();
        assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(42));
        assertThat(out.get(5, TimeUnit.SECONDS)).isEqualTo("got-term\n");
    }

    @Test
    void destroyHangsUpAProcessTheClosedExecWouldLeaveRunning() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("sleep 31", Map.of(), null, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.liveProcesses("sleep 31").isEmpty());
        p.destroy();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.liveProcesses("sleep 31").isEmpty());
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isNotZero();
    }

    @Test
    void stdinReachesANonPtyProcess() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("head -c 11", Map.of(), null, null));
        CompletableFuture<String> out = readAsync(p.stdout());
        p.stdin().write("hello world and more".getBytes(StandardCharsets.UTF_8));
        p.stdin().close();
        assertThat(out.get(10, TimeUnit.SECONDS)).isEqualTo("hello world");
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isZero();
    }

    @Test
    void stdinEofReachesTheCommandAfterEveryByte() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(data);
        SessionProcess p = executor.start(new ProcessSpec("wc -c; sha256sum < /dev/null > /dev/null", Map.of(), null, null));
        CompletableFuture<String> out = readAsync(p.stdout());
        p.stdin().write(data);
        p.stdin().close();
        assertThat(out.get(20, TimeUnit.SECONDS).trim()).isEqualTo(Integer.toString(data.length));
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> stdinRelays() == 0);
    }

    @Test
    void theStdinRelayIsNoJobOfTheUsersShell() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("sleep 0.2 & wait; echo waited", Map.of(), null, null));
        assertThat(readAsync(p.stdout()).get(20, TimeUnit.SECONDS)).isEqualTo("waited\n");
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isZero();
    }

    @Test
    void emptyStdinIsAnImmediateEof() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("cat; echo after-eof", Map.of(), null, null));
        CompletableFuture<String> out = readAsync(p.stdout());
        p.stdin().close();
        assertThat(out.get(20, TimeUnit.SECONDS)).isEqualTo("after-eof\n");
    }

    @Test
    void noRelayOutlivesACommandThatIgnoresItsInput() throws Exception {
        SessionProcess p = executor.start(new ProcessSpec("echo done", Map.of(), null, null));
        assertThat(readAsync(p.stdout()).get(20, TimeUnit.SECONDS)).isEqualTo("done\n");
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.liveProcesses().isEmpty() && stdinRelays() == 0);
    }

    /** Stdin relays of any session on this machine (they leave the exec's process tree on purpose). */
    private static long stdinRelays() throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(d -> d.getFileName().toString().matches("\\d+")).filter(d -> {
                try {
                    return new String(Files.readAllBytes(d.resolve("environ")), StandardCharsets.ISO_8859_1)
                            .contains("\0" + "DEVWS_STDIN_RELAY=");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static boolean contains(StringBuilder b, String s) {
        synchronized (b) {
            return b.toString().contains(s);
        }
    }

    private static String loginShellOfThisUser() throws IOException {
        String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim();
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":", -1);
            if (f[2].equals(uid)) {
                return f[6];
            }
        }
        return "/bin/sh";
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return readAsync(in, new StringBuilder());
    }

    private static CompletableFuture<String> readAsync(InputStream in, StringBuilder seen) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    all.write(buf, 0, n);
                    synchronized (seen) {
                        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return all.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        });
    }
}
