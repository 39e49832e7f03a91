package io.devws.sidecar.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.testing.ProcessEnvirons;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process MINA client against the daemon, one test per channel and request type. */
class SidecarServerTest {
    private static final Duration T = Duration.ofSeconds(15);

    @TempDir
    Path tmp;
    InProcessHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new InProcessHarness(tmp, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void execKeepsStdoutAndStderrApartAndReportsTheExitStatus() throws Exception {
        try (ClientSession s = h.session()) {
            Result r = exec(s, "echo out; echo err >&2; pwd; exit 42", Map.of());
            assertThat(r.out).isEqualTo("out\n" + tmp.resolve("work").toRealPath() + "\n");
            assertThat(r.err).isEqualTo("err\n");
            assertThat(r.status).isEqualTo(42);
        }
    }

    @Test
    void theBuiltInClientAndTheServerAgreeOnThePostQuantumHybrid() throws Exception {
        try (ClientSession s = h.session()) {
            assertThat(s.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS)).isEqualTo("mlkem768x25519-sha256");
        }
    }

    @Test
    void envRequestsAndSshConnectionReachTheProcess() throws Exception {
        try (ClientSession s = h.session()) {
            // LC_*: in the accepted list (ConnectionLimits); FOO is not, and is refused as sshd refuses it
            Result r = exec(s, "echo $LC_FOO$FOO; echo $SSH_CONNECTION; echo ${SSH_TTY:-none}",
                    Map.of("LC_FOO", "bar", "FOO", "refused"));
            assertThat(r.out).isEqualTo("bar\n127.0.0.1 0 127.0.0.1 22\nnone\n");
        }
    }

    @Test
    void ptyFollowsWindowChange() throws Exception {
        try (ClientSession s = h.session(); ChannelShell shell = s.createShellChannel()) {
            shell.setPtyColumns(100);
            shell.setPtyLines(30);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            shell.setOut(out);
            shell.setErr(out);
            shell.open().verify(T);
            OutputStream in = shell.getInvertedIn();
            in.write("stty size; echo tty=$SSH_TTY\n".getBytes());
            in.flush();
            await().atMost(T).until(() -> out.toString().contains("30 100"));
            shell.sendWindowChange(120, 40);
            in.write("stty size; exit 3\n".getBytes());
            in.flush();
            shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
            assertThat(out.toString()).contains("40 120").contains("tty=/dev/pts/");
            assertThat(shell.getExitStatus()).isEqualTo(3);
        }
    }

    @Test
    void aSignalRequestEndsTheProcessWithExitSignal() throws Exception {
        String mark = "signal-" + System.nanoTime();
        try (ClientSession s = h.session(); ChannelExec ch = s.createExecChannel("export DEVWS_TEST_REMOTE_MARK=" + mark + "; exec sleep 60")) {
            ch.setOut(new ByteArrayOutputStream());
            ch.setErr(new ByteArrayOutputStream());
            ch.open().verify(T);
            // the signal goes to a running sleep, not to a shell still starting
            await().atMost(T).until(() -> ProcessEnvirons.withVariable("DEVWS_TEST_REMOTE_MARK", mark).stream()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("/sleep")));
            Buffer b = s.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST);
            b.putUInt(ch.getRecipient());
            b.putString("signal");
            b.putBoolean(false);
            b.putString("TERM");
            s.writePacket(b);
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
            assertThat(ch.getExitSignal()).isEqualTo("TERM");
        }
    }

    @Test
    void sftpStartsInTheWorkdir() throws Exception {
        try (ClientSession s = h.session(); SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
            assertThat(sftp.canonicalPath(".")).isEqualTo(tmp.resolve("work").toString());
            try (OutputStream o = sftp.write("hello.txt")) {
                o.write("hi sftp".getBytes());
            }
            assertThat(Files.readString(tmp.resolve("work/hello.txt"))).isEqualTo("hi sftp");
        }
    }

    @Test
    void directTcpipReachesALocalListener() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress()); ClientSession s = h.session()) {
            Thread t = new Thread(() -> {
                try (Socket c = echo.accept()) {
                    c.getOutputStream().write("pong".getBytes());
                } catch (Exception ignored) {
                    // test fails on the read side
                }
            });
            t.start();
            SshdSocketAddress local = s.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress("127.0.0.1", echo.getLocalPort()));
            try (Socket c = new Socket("127.0.0.1", local.getPort())) {
                assertThat(new String(c.getInputStream().readAllBytes())).isEqualTo("pong");
            }
        }
    }

    @Test
    void theStableAgentSocketAnswersNoIdentitiesWithoutAForwardingConnection() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ssh-add", "-l").redirectErrorStream(true);
        pb.environment().put("SSH_AUTH_SOCK", h.config.agentSocket().toString());
        Process q = pb.start();
        String out = new String(q.getInputStream().readAllBytes());
        assertThat(q.waitFor()).isEqualTo(1);
        assertThat(out).contains("The agent has no identities.");
    }

    @Test
    void garbageEndsOnlyThatConnection() throws Exception {
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(h.config.socket()))) {
            raw.write(ByteBuffer.wrap("SSH-2.0-x\r\n\u0000\u0000\u0000\u0010garbage-garbage-garbage\n".getBytes()));
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            long deadline = System.currentTimeMillis() + T.toMillis();
            while (raw.read(buf) >= 0 && System.currentTimeMillis() < deadline) {
                buf.clear();
            }
        }
        try (ClientSession s = h.session()) {
            assertThat(exec(s, "echo still-serving", Map.of()).out).isEqualTo("still-serving\n");
        }
    }

    @Test
    void aSilentPeerIsDisconnectedByKeepalive() throws Exception {
        ClientSession s = h.session();
        await().atMost(T).until(() -> h.daemon.server().activity().openConnections() == 1);
        s.getIoSession().suspendRead(); // stops answering keepalive@openssh.com
        await().atMost(T).until(() -> h.daemon.server().activity().openConnections() == 0);
        s.close(true);
    }

    @Test
    void activityProbeCountsConnectionsAndBytes() throws Exception {
        long before = h.daemon.server().activity().bytesTransferred();
        try (ClientSession s = h.session()) {
            exec(s, "true", Map.of());
            assertThat(h.daemon.server().activity().openConnections()).isEqualTo(1);
            assertThat(h.daemon.server().activity().bytesTransferred()).isGreaterThan(before);
        }
        await().atMost(T).until(() -> h.daemon.server().activity().openConnections() == 0);
    }

    @Test
    void closedConnectionsLeaveNoTransportThreads() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (ClientSession s = h.session()) {
                exec(s, "true", Map.of());
            }
        }
        await().atMost(T).until(() -> h.daemon.server().activity().openConnections() == 0);
        // the client side's stream threads share the names; all must be gone
        await().atMost(T).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("devws-io-") || t.getName().startsWith("devws-session-")));
    }

    private static Result exec(ClientSession s, String command, Map<String, String> env) throws Exception {
        try (ChannelExec ch = s.createExecChannel(command, null, env)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(T);
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
            return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    ch.getExitStatus());
        }
    }

    private record Result(String out, String err, Integer status) {
    }
}
