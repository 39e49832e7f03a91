package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import com.sun.net.httpserver.HttpServer;
import io.devws.sidecar.it.SidecarProcesses.Result;
import io.devws.testing.ProcessEnvirons;
import io.devws.testing.StartedProcesses;
import io.devws.testing.TerminalSize;
import io.devws.transport.io.Pump;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real OpenSSH against the built launcher as ProxyCommand, in both modes: the in-process stdio
 * server (no daemon) and the daemon + bridge.
 */
class OpenSshIT {
    enum Mode { STDIO, DAEMON }

    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    SidecarProcesses sp;

    private SidecarProcesses start(Mode mode) throws Exception {
        sp = new SidecarProcesses(tmp);
        if (mode == Mode.DAEMON) {
            sp.startDaemon();
        }
        return sp;
    }

    @AfterEach
    void stop() {
        if (sp != null) {
            sp.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void execPropagatesExitCodeAndKeepsStderrApart(Mode mode) throws Exception {
        start(mode);
        Result r = sp.run(sp.ssh(List.of(), "echo out; echo err >&2; pwd; exit 42"));
        assertThat(r.code()).isEqualTo(42);
        assertThat(r.out()).isEqualTo("out\n" + sp.workdir.toRealPath() + "\n");
        assertThat(r.err()).isEqualTo("err\n");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void setEnvReachesTheCommand(Mode mode) throws Exception {
        start(mode);
        Result r = sp.run(sp.ssh(List.of("-o", "SetEnv=LC_DEVWS_TEST=hello"), "echo $LC_DEVWS_TEST; echo $SSH_CLIENT"));
        assertThat(r.out()).isEqualTo("hello\n127.0.0.1 0 22\n");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ttyShowsTheSizeBeforeAndAfterAResize(Mode mode) throws Exception {
        start(mode);
        List<String> cmd = sp.ssh(List.of("-tt"), "stty size; " + TerminalSize.untilResized("24 80"));
        PtyProcess ssh = (PtyProcess) sp.track(new PtyProcessBuilder(cmd.toArray(String[]::new))
                .setEnvironment(Map.of("PATH", System.getenv("PATH"), "TERM", "xterm"))
                .setDirectory(tmp.toString()).setInitialColumns(80).setInitialRows(24).start());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = drain(ssh.getInputStream(), out);
        await().atMost(T).until(() -> out.toString().contains("24 80"));
        ssh.setWinSize(new WinSize(132, 50));
        await().atMost(T).until(() -> out.toString().contains("50 132"));
        assertThat(ssh.waitFor()).isZero();
        reader.join(5000);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hundredMebibytesThroughStdinArriveIntact(Mode mode) throws Exception {
        start(mode);
        Path data = tmp.resolve("100m.bin");
        String sha = writeRandom(data, 100 << 20);
        Result r = sp.run(sp.builder(sp.ssh(List.of(), "sha256sum")).redirectInput(data.toFile()));
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith(sha);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void scpAndSftpRoundTrips(Mode mode) throws Exception {
        start(mode);
        Path up = tmp.resolve("up.bin");
        String sha = writeRandom(up, 3 << 20);
        List<String> scp = new java.util.ArrayList<>(List.of("scp", "-q"));
        scp.addAll(sp.sshOptions());
        List<String> upload = new java.util.ArrayList<>(scp);
        upload.addAll(List.of(up.toString(), "ws:scp.bin"));
        assertThat(sp.run(upload).code()).isZero();
        assertThat(sha256(sp.workdir.resolve("scp.bin"))).isEqualTo(sha);
        List<String> download = new java.util.ArrayList<>(scp);
        download.addAll(List.of("ws:scp.bin", tmp.resolve("scp-back.bin").toString()));
        assertThat(sp.run(download).code()).isZero();
        assertThat(sha256(tmp.resolve("scp-back.bin"))).isEqualTo(sha);

        Path batch = tmp.resolve("batch");
        Files.writeString(batch, "put " + up + " sftp.bin\nget sftp.bin " + tmp.resolve("sftp-back.bin") + "\npwd\n");
        List<String> sftp = new java.util.ArrayList<>(List.of("sftp", "-b", batch.toString()));
        sftp.addAll(sp.sshOptions());
        sftp.add("ws");
        Result r = sp.run(sftp);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Remote working directory: " + sp.workdir);
        assertThat(sha256(sp.workdir.resolve("sftp.bin"))).isEqualTo(sha);
        assertThat(sha256(tmp.resolve("sftp-back.bin"))).isEqualTo(sha);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void rsyncOverSshCopiesATree(Mode mode) throws Exception {
        start(mode);
        Path src = tmp.resolve("tree");
        Files.createDirectories(src.resolve("sub"));
        String sha = writeRandom(src.resolve("sub/data.bin"), 1 << 20);
        StringBuilder e = new StringBuilder("ssh");
        for (String o : sp.sshOptions()) {
            e.append(' ').append('\'').append(o).append('\'');
        }
        Result r = sp.run(List.of("rsync", "-a", "-e", e.toString(), src + "/", "ws:rsynced/"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(sha256(sp.workdir.resolve("rsynced/sub/data.bin"))).isEqualTo(sha);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void localRemoteDynamicAndUnixSocketForwards(Mode mode) throws Exception {
        start(mode);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            byte[] body = "pong".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        Path unix = tmp.resolve("app.sock");
        Path remoteUnix = tmp.resolve("r.sock");
        try (ServerSocketChannel unixServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unixServer.bind(UnixDomainSocketAddress.of(unix));
            Thread t = new Thread(() -> {
                while (unixServer.isOpen()) {
                    try (SocketChannel c = unixServer.accept()) {
                        c.write(ByteBuffer.wrap("unix-pong".getBytes()));
                    } catch (IOException ignored) {
                        // asserted on the client side
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            int httpPort = http.getAddress().getPort();
            Forwards f = forwards(httpPort, unix, remoteUnix);
            int l = f.local();
            int r = f.remote();
            int d = f.dynamic();
            int u = f.unixLocal();
            for (int port : List.of(l, r, d, u)) {
                await().atMost(T).until(() -> connectable(port));
            }
            assertThat(curl(List.of("http://127.0.0.1:" + l + "/"))).isEqualTo("pong");
            assertThat(curl(List.of("http://127.0.0.1:" + r + "/"))).isEqualTo("pong");
            assertThat(curl(List.of("--socks5-hostname", "127.0.0.1:" + d, "http://127.0.0.1:" + httpPort + "/")))
                    .isEqualTo("pong");
            await().atMost(T).until(() -> Files.exists(remoteUnix));
            assertThat(curl(List.of("--unix-socket", remoteUnix.toString(), "http://x/"))).isEqualTo("pong");
            try (Socket s = new Socket("127.0.0.1", u)) {
                s.setSoTimeout(20_000);
                assertThat(new String(s.getInputStream().readAllBytes())).isEqualTo("unix-pong");
            }
        } finally {
            http.stop(0);
        }
    }

    record Forwards(int local, int remote, int dynamic, int unixLocal) {
    }

    /**
     * {@code ssh -N} with every kind of forward. The remote port is the server's pick ({@code -R 0}, which ssh
     * reports); OpenSSH takes no port 0 for {@code -L} and {@code -D}, so those are free ports picked just before,
     * and one taken in between fails ssh at once (ExitOnForwardFailure): then it tries again with new ones.
     */
    private Forwards forwards(int httpPort, Path unix, Path remoteUnix) throws Exception {
        Pattern allocated = Pattern.compile("Allocated port (\\d+) for remote forward to 127\\.0\\.0\\.1:" + httpPort);
        for (int attempt = 1; ; attempt++) {
            int l = freePort();
            int d = freePort();
            int u = freePort();
            List<String> cmd = sp.ssh(List.of("-N", "-o", "ExitOnForwardFailure=yes",
                    "-L", l + ":127.0.0.1:" + httpPort, "-R", "0:127.0.0.1:" + httpPort, "-D", Integer.toString(d),
                    "-L", u + ":" + unix, "-R", remoteUnix + ":127.0.0.1:" + httpPort), null);
            cmd.replaceAll(o -> o.equals("LogLevel=ERROR") ? "LogLevel=INFO" : o); // INFO: ssh names the allocated port
            Path err = tmp.resolve("forwards-" + attempt + ".err");
            Process ssh = sp.start(sp.builder(cmd).redirectError(err.toFile()));
            await().atMost(T).until(() -> allocated.matcher(StartedProcesses.read(err)).find() || !ssh.isAlive());
            Matcher m = allocated.matcher(StartedProcesses.read(err));
            if (m.find()) {
                return new Forwards(l, Integer.parseInt(m.group(1)), d, u);
            }
            assertThat(StartedProcesses.read(err)).as("ssh ended: only a port taken since it was picked is retried")
                    .contains("Address already in use");
            assertThat(attempt).as("local ports taken again and again").isLessThan(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void killingTheRemoteCommandEndsTheSessionVisibly(Mode mode) throws Exception {
        start(mode);
        Path pidFile = tmp.resolve("remote.pid");
        Process ssh = sp.start(sp.builder(sp.ssh(List.of(), "echo $$ > " + pidFile + "; exec sleep 60"))
                .redirectInput(new java.io.File("/dev/null")));
        await().atMost(T).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).orElseThrow().destroy(); // SIGTERM
        assertThat(ssh.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // exit-signal without exit-status, as OpenSSH's sshd (HostExecutorIT compares the two): ssh exits 255
        assertThat(ssh.exitValue()).isEqualTo(255);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClientThatDisappearsLeavesNoProcessBehind(Mode mode) throws Exception {
        start(mode);
        String mark = mark(mode);
        // a reader of the client's stdin (<&0: a background job of a non-interactive shell reads /dev/null unless told
        // otherwise), a background job that stdin's end does not stop, and the command itself
        Process ssh = sp.start(sp.builder(sp.ssh(List.of(),
                "export " + MARK + "=" + mark + "; cat <&0 >/dev/null & sleep 300 & exec sleep 300")));
        OutputStream in = ssh.getOutputStream();
        in.write(new byte[1 << 20]);
        in.flush();
        // all three run before the client goes: the check below is not vacuous
        await().atMost(T).until(() -> remoteProcesses(mark).size() == 3);
        ssh.destroyForcibly();
        await().atMost(T).until(() -> remoteProcesses(mark).isEmpty());
    }

    /**
     * docs/kubernetes-quirks.md: an exec stream may never deliver EOF. A client that stops answering (here:
     * ssh frozen with SIGSTOP, its pipes left open) is dropped by the server's keepalive, and the
     * ProxyCommand process and the remote command end by themselves.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFrozenClientIsDroppedByKeepaliveAndLeavesNothingBehind(Mode mode) throws Exception {
        start(mode);
        String mark = mark(mode);
        Process ssh = sp.start(sp.builder(sp.ssh(List.of(), "export " + MARK + "=" + mark + "; exec sleep 300")));
        await().atMost(T).until(() -> remoteProcesses(mark).size() == 1);
        ProcessHandle proxy = ssh.toHandle().children().findFirst().orElseThrow();
        assertThat(sp.run(List.of("kill", "-STOP", Long.toString(ssh.pid()))).code()).isZero();
        try {
            // the stopped ssh cannot reap its ProxyCommand: exited means a zombie here
            await().atMost(Duration.ofSeconds(40)).until(() -> remoteProcesses(mark).isEmpty() && exited(proxy));
        } finally {
            sp.run(List.of("kill", "-CONT", Long.toString(ssh.pid())));
            ssh.destroy();
        }
    }

    /** Names the variable that marks a test's remote processes (see {@link ProcessEnvirons}). */
    static final String MARK = "DEVWS_TEST_REMOTE_MARK";

    static String mark(Mode mode) {
        return mode + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    /**
     * The remote command's processes: those whose environment carries the marker the remote shell exported. The
     * ssh client's command line spells the marker out, but its environment does not have it, so it never counts.
     */
    static List<ProcessHandle> remoteProcesses(String mark) {
        return ProcessEnvirons.withVariable(MARK, mark);
    }

    static boolean exited(ProcessHandle p) {
        try {
            return !p.isAlive() || Files.readString(Path.of("/proc/" + p.pid() + "/stat")).contains(") Z ");
        } catch (IOException e) {
            return true;
        }
    }

    static Thread drain(InputStream in, ByteArrayOutputStream out) {
        return Pump.start("drain", () -> {
            try {
                Pump.drain(in, (b, off, len) -> {
                    synchronized (out) {
                        out.write(b, off, len);
                    }
                });
            } catch (IOException e) {
                // the process or PTY is gone
            }
        });
    }

    private String curl(List<String> args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "--max-time", "10"));
        cmd.addAll(args);
        return sp.run(cmd).out();
    }

    static boolean connectable(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String writeRandom(Path file, int size) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random random = new Random(size);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                int n = Math.min(left, buf.length);
                out.write(buf, 0, n);
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
