package io.devws.cli.local;

import static io.devws.cli.local.Launchers.devws;
import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers.Result;
import io.devws.testing.Listeners;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devws ssh --local NAME ...}: the built-in MINA client through the launchers, with a real ssh-agent. */
class BuiltinClientIT {
    @TempDir
    static Path home;
    static TestAgent agent;
    static Map<String, String> env;

    @BeforeAll
    static void up() throws Exception {
        Launchers.requireBuilt();
        agent = TestAgent.start(Files.createDirectories(home.resolve("agent")));
        env = Map.of("SSH_AUTH_SOCK", agent.socket().toString());
        Result up = Launchers.run(home, env, devws("up", "--local", "demo"));
        assertThat(up.code()).as(up.err()).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        Launchers.run(home, env, devws("delete", "--local", "demo"));
        agent.close();
    }

    static Result ssh(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "ssh";
        all[1] = "--local";
        all[2] = "demo";
        System.arraycopy(args, 0, all, 3, args.length);
        return Launchers.run(home, env, devws(all));
    }

    @Test
    void exitCodeAndSeparateStreams() throws Exception {
        Result r = ssh("--", "echo out; echo err >&2; exit 42");
        assertThat(r.code()).isEqualTo(42);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
    }

    @Test
    void aSignalEndsWith128PlusItsNumber() throws Exception {
        assertThat(ssh("--", "kill -TERM $$").code()).isEqualTo(128 + 15);
    }

    @Test
    void stdinIsStreamedToTheCommand() throws Exception {
        Path data = home.resolve("data.bin");
        byte[] bytes = new byte[2 * 1024 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(data, bytes);
        ProcessBuilder pb = new ProcessBuilder(devws("ssh", "--local", "demo", "--", "sha256sum"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put(SidecarLocator.ENV, Launchers.SIDECAR.toString());
        Process p = pb.redirectInput(data.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        String expected = new String(new ProcessBuilder("sha256sum", data.toString()).start().getInputStream().readAllBytes()).split(" ")[0];
        assertThat(out).startsWith(expected);
    }

    @Test
    void agentForwardingListsTheLocalAgentsKey() throws Exception {
        Result withAgent = ssh("-A", "--", "ssh-add -l");
        assertThat(withAgent.code()).as(withAgent.err()).isZero();
        assertThat(withAgent.out()).contains(agent.fingerprint(), "devws-test-key");
    }

    @Test
    void theAgentIsForwardedByDefaultWhenThereIsOneAndNotWithMinusA() throws Exception {
        Result byDefault = ssh("--", "ssh-add -l");
        assertThat(byDefault.code()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).contains(agent.fingerprint());
        Result off = ssh("-a", "--", "ssh-add -l");
        assertThat(off.code()).isNotZero();
        assertThat(off.out()).doesNotContain(agent.fingerprint());
    }

    @Test
    void ttyOnlyWhenAskedForOrInteractive() throws Exception {
        Result tty = ssh("-t", "--", "tty; echo cols=$(tput cols 2>/dev/null || stty size)");
        assertThat(tty.code()).as(tty.err()).isZero();
        assertThat(tty.out()).startsWith("/dev/pts/");
        Result noTty = ssh("--", "tty");
        assertThat(noTty.code()).isEqualTo(1);
        assertThat(noTty.out()).isEqualTo("not a tty\n");
    }

    @Test
    void theLocalTerminalsSizeAndItsResizeReachTheWorkspacePty() throws Exception {
        java.util.Map<String, String> ptyEnv = new java.util.HashMap<>(System.getenv());
        ptyEnv.put("HOME", home.toString());
        ptyEnv.put(SidecarLocator.ENV, Launchers.SIDECAR.toString());
        ptyEnv.put("TERM", "xterm");
        com.pty4j.PtyProcess pty = new com.pty4j.PtyProcessBuilder(devws("ssh", "--local", "demo", "-t", "--", "stty size; " + io.devws.testing.TerminalSize.untilResized("30 100")))
                .setEnvironment(ptyEnv).setInitialColumns(100).setInitialRows(30).setConsole(false).start();
        try {
            StringBuffer seen = new StringBuffer();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                try (InputStream in = pty.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (java.io.IOException ignored) {
                    // the pty closes
                }
            });
            reader.setDaemon(true);
            reader.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> seen.toString().contains("30 100"));
            pty.setWinSize(new com.pty4j.WinSize(132, 43));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> seen.toString().contains("43 132"));
            assertThat(pty.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(pty.exitValue()).isZero();
        } finally {
            pty.destroyForcibly();
        }
    }

    @Test
    void localForwardReachesAPortOnTheWorkspaceSide() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // the client reports no port it picked: a free port picked just before, and a new one if it was taken
            // in between (the client then ends with "already in use")
            int listen = 0;
            Process client = null;
            for (int attempt = 1; client == null; attempt++) {
                try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    listen = free.getLocalPort();
                }
                Path err = home.resolve("forward-" + attempt + ".err");
                ProcessBuilder pb = new ProcessBuilder(devws("ssh", "--local", "demo", "-L", listen + ":127.0.0.1:" + target.getLocalPort(), "--", "sleep 20"));
                pb.environment().put("HOME", home.toString());
                pb.environment().put(SidecarLocator.ENV, Launchers.SIDECAR.toString());
                Process started = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
                int port = listen;
                try {
                    org.awaitility.Awaitility.await("the client itself listening on -L port " + port + " (or ended)")
                            .atMost(java.time.Duration.ofSeconds(30))
                            .until(() -> Listeners.listensOn(started.toHandle(), port) || !started.isAlive());
                } catch (RuntimeException e) {
                    started.destroyForcibly();
                    throw e;
                }
                if (started.isAlive()) {
                    client = started;
                } else {
                    assertThat(Files.readString(err)).as("the client ended: only a port taken since it was picked is retried")
                            .contains("already in use");
                    assertThat(attempt).as("local ports taken again and again").isLessThan(3);
                }
            }
            try {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), listen);
                try (socket; Socket accepted = target.accept()) {
                    OutputStream toTarget = accepted.getOutputStream();
                    toTarget.write("hello through -L\n".getBytes(StandardCharsets.UTF_8));
                    toTarget.flush();
                    InputStream in = socket.getInputStream();
                    byte[] buf = new byte[17];
                    int n = in.readNBytes(buf, 0, buf.length);
                    assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("hello through -L\n");
                }
            } finally {
                client.destroy();
                client.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aDifferentPinnedKeyIsRefused() throws Exception {
        Path pub = home.resolve(".devws/local/demo/ssh_host_ed25519_key.pub");
        String real = Files.readString(pub);
        Files.writeString(pub, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl other\n");
        try {
            Result r = ssh("--", "true");
            assertThat(r.code()).isEqualTo(255);
            assertThat(r.err()).startsWith("devws: host key mismatch: the workspace offered SHA256:");
            assertThat(r.err().lines().count()).isEqualTo(1);
        } finally {
            Files.writeString(pub, real);
        }
    }

    @Test
    void anInvalidPortSpecIsOneLine() throws Exception {
        Result r = ssh("-L", "80:", "--", "true");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("devws: invalid port spec '80:'");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
