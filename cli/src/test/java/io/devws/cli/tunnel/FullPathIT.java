package io.devws.cli.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import io.devws.model.SidecarContract;
import io.devws.testing.ExecRequest;
import io.devws.testing.TerminalSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real OpenSSH through the whole tunnel and both exec hops; see {@link FullPath}. */
@Timeout(180)
class FullPathIT {
    @TempDir
    Path dir;
    FullPath path;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        // bulk transfers keep the daemon's default keepalive: its probes queue behind megabytes of data
        path = new FullPath(dir, test.getTags().contains("bulk") ? "30s" : FullPath.SHORT_KEEPALIVE);
        path.startDaemon();
    }

    @AfterEach
    void stop() {
        path.close();
    }

    @Test
    void execRunsInTheDevContainerWithItsExitCode() throws Exception {
        FullPath.Result r = path.run(path.ssh(List.of(), "echo \"$DEV_MARKER $(pwd)\"; echo to-stderr >&2; exit 3"), null);
        assertThat(r.code()).as(r.err() + path.daemonLog()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("in-the-dev-container " + path.work + "\n");
        assertThat(r.err()).isEqualTo("to-stderr\n");
        List<ExecRequest> execs = path.server.requests();
        // the tunnel into the sidecar, then the session in the dev container; after it only the
        // kube executor's stdin-relay execs there: one for the client's EOF, one clean-up after exit
        assertThat(execs.get(0).container()).isEqualTo(SidecarContract.SIDECAR_CONTAINER);
        assertThat(execs.get(0).command()).containsExactly(SidecarContract.STDIO_COMMAND);
        assertThat(execs).hasSizeGreaterThanOrEqualTo(2);
        assertThat(execs.subList(1, execs.size())).extracting(ExecRequest::container).containsOnly(SidecarContract.DEV_CONTAINER);
        assertThat(execs.get(1).command()).contains("devws-session");
        assertThat(execs.subList(2, execs.size())).hasSizeLessThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(e.command()).contains("devws-stdin-eof"));
    }

    @Test
    void ptyFollowsTheLocalTerminalsSize() throws Exception {
        List<String> cmd = path.ssh(List.of("-tt"), "stty size; " + TerminalSize.untilResized("30 100"));
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("XDG_RUNTIME_DIR", path.runtimeDir().toString());
        PtyProcess ssh = new PtyProcessBuilder(cmd.toArray(String[]::new)).setDirectory(dir.toString()).setEnvironment(env)
                .setInitialColumns(100).setInitialRows(30).setConsole(false).start();
        try {
            StringBuilder seen = new StringBuilder();
            Thread reader = read(ssh.getInputStream(), seen);
            await().atMost(Duration.ofSeconds(60)).until(() -> text(seen).contains("30 100"));
            ssh.setWinSize(new WinSize(132, 43));
            await().atMost(Duration.ofSeconds(20)).until(() -> text(seen).contains("43 132"));
            assertThat(ssh.waitFor()).isZero();
            reader.join(5000);
        } finally {
            ssh.destroyForcibly();
        }
        assertThat(path.server.requests()).filteredOn(r -> r.container().equals(SidecarContract.DEV_CONTAINER))
                .singleElement().satisfies(r -> assertThat(r.tty()).isTrue());
    }

    @Test
    @Tag("bulk")
    void fiftyMebibytesArriveIntactBothWays() throws Exception {
        Path file = dir.resolve("random.bin");
        byte[] data = new byte[50 * 1024 * 1024];
        new Random(42).nextBytes(data);
        Files.write(file, data);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        // upload: head reads exactly that many bytes, so this does not depend on stdin EOF (tested on its own)
        FullPath.Result up = path.run(new ProcessBuilder(path.ssh(List.of(),
                "head -c " + data.length + " > up.bin && sha256sum up.bin")).redirectInput(file.toFile()), null);
        assertThat(up.code()).as(up.err() + path.daemonLog()).isZero();
        assertThat(up.out()).startsWith(sha);
        Path down = dir.resolve("down.bin");
        FullPath.Result dl = path.run(new ProcessBuilder("sh", "-c", shellQuote(path.ssh(List.of(), "cat up.bin")) + " > " + down),
                null);
        assertThat(dl.code()).as(dl.err()).isZero();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(down)))).isEqualTo(sha);
    }

    @Test
    void stdinEofReachesTheRemoteCommand() throws Exception {
        Path file = dir.resolve("one-mib.bin");
        Files.write(file, new byte[1024 * 1024 + 3]);
        FullPath.Result r = path.run(new ProcessBuilder(path.ssh(List.of(), "wc -c")).redirectInput(file.toFile()), null);
        assertThat(r.code()).as(r.err() + path.daemonLog()).isZero();
        assertThat(r.out().trim()).isEqualTo(Integer.toString(1024 * 1024 + 3));
    }

    @Test
    void scpLandsInTheWorkspaceDirectoryTheDevContainerSees() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "copied over sftp\n");
        List<String> scp = new ArrayList<>(List.of("scp"));
        scp.addAll(path.sshOptions());
        scp.addAll(List.of(file.toString(), "ws.devws:"));
        FullPath.Result r = path.run(scp, null);
        assertThat(r.code()).as(r.err() + path.daemonLog()).isZero();
        FullPath.Result cat = path.run(path.ssh(List.of(), "cat notes.txt"), null);
        assertThat(cat.out()).isEqualTo("copied over sftp\n");
        assertThat(path.work.resolve("notes.txt")).hasContent("copied over sftp");
    }

    @Test
    void agentForwardingReachesTheSessionInTheDevContainer() throws Exception {
        Path agentSock = dir.resolve("agent.sock");
        Process agent = path.start(new ProcessBuilder("ssh-agent", "-D", "-a", agentSock.toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(agentSock));
        Map<String, String> env = Map.of("SSH_AUTH_SOCK", agentSock.toString());
        assertThat(path.run(List.of("ssh-add", path.userKey.toString()), env).code()).isZero();
        String fingerprint = path.run(List.of("ssh-keygen", "-lf", path.userKey + ".pub"), null).out().split(" ")[1];
        FullPath.Result r = path.run(path.ssh(List.of("-A"), "echo \"sock=$SSH_AUTH_SOCK\"; ssh-add -l"), env);
        assertThat(r.code()).as(r.err() + path.daemonLog()).isZero();
        assertThat(r.out()).contains(fingerprint).contains("sock=");
        agent.destroy();
    }

    @Test
    void localForwardReachesAServiceBesideTheSidecar() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                while (!service.isClosed()) { // every connection: the probe for the listener's port makes one too
                    try (Socket s = service.accept()) {
                        s.getOutputStream().write("hello from the pod\n".getBytes(StandardCharsets.UTF_8));
                    } catch (IOException ignored) {
                        // the probe closed early, or the test ends
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            // OpenSSH takes no port 0 for -L: a free port picked just before, and a new one if it was taken in between
            int local = 0;
            Process fwd = null;
            for (int attempt = 1; fwd == null; attempt++) {
                try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    local = free.getLocalPort();
                }
                Path err = dir.resolve("forward-" + attempt + ".err");
                int port = local;
                Process p = path.start(new ProcessBuilder(path.ssh(List.of("-N", "-o", "ExitOnForwardFailure=yes",
                        "-L", local + ":127.0.0.1:" + service.getLocalPort()), null)).redirectError(err.toFile()));
                await().atMost(Duration.ofSeconds(60)).until(() -> !p.isAlive() || canConnect(port));
                if (p.isAlive()) {
                    fwd = p;
                } else {
                    assertThat(FullPath.read(err)).as("only a port taken in between is retried").contains("Address already in use");
                    assertThat(attempt).isLessThan(3);
                }
            }
            int local2 = local;
            String got = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), local2)) {
                    s.setSoTimeout(5000);
                    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            }, t -> t.equals("hello from the pod\n"));
            assertThat(got).isEqualTo("hello from the pod\n");
            fwd.destroy();
        }
    }

    @Test
    void lostApiServerEndsSshWithin5SecondsAndNoStdioServerStaysBehind() throws Exception {
        Process ssh = path.start(new ProcessBuilder(path.ssh(List.of(), "echo up; sleep 300"))
                .redirectErrorStream(true));
        StringBuilder seen = new StringBuilder();
        read(ssh.getInputStream(), seen);
        await().atMost(Duration.ofSeconds(60)).until(() -> text(seen).contains("up"));
        assertThat(path.server.liveProcesses("ssh-server")).isNotEmpty();
        long t0 = System.nanoTime();
        path.server.stop();
        assertThat(ssh.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(ssh.exitValue()).isEqualTo(255);
        assertThat(text(seen)).contains("devws: lost the exec connection");
        assertNoStdioServerWithinKeepalive();
    }

    @Test
    void normalEndAndKilledProxyCommandLeaveNoStdioServerBehind() throws Exception {
        FullPath.Result ok = path.run(path.ssh(List.of(), "true"), null);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertNoStdioServerWithinKeepalive();

        Process ssh = path.start(new ProcessBuilder(path.ssh(List.of(), "echo up; sleep 300")).redirectErrorStream(true));
        StringBuilder seen = new StringBuilder();
        read(ssh.getInputStream(), seen);
        await().atMost(Duration.ofSeconds(60)).until(() -> text(seen).contains("up"));
        List<ProcessHandle> proxies = new ArrayList<>(ssh.descendants()
                .filter(h -> h.info().commandLine().orElse("").contains("io.devws.cli.")).toList()); // Main, or ThinClient via the agent
        assertThat(proxies).isNotEmpty();
        proxies.forEach(ProcessHandle::destroyForcibly);
        assertThat(ssh.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertNoStdioServerWithinKeepalive();
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The daemon's keepalive (2 s × 3 here) must end every orphaned bridge; exec v4 never tells it stdin closed. */
    private void assertNoStdioServerWithinKeepalive() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> path.server.liveProcesses("ssh-server").isEmpty());
    }

    private static String shellQuote(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            b.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        return b.toString();
    }

    private static String text(StringBuilder b) {
        synchronized (b) {
            return b.toString();
        }
    }

    private static Thread read(InputStream in, StringBuilder seen) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (seen) {
                        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
