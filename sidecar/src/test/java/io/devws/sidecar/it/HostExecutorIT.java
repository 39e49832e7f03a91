package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import io.devws.sidecar.it.SidecarProcesses.Result;
import io.devws.testing.ExecTestServer;
import io.devws.testing.Listeners;
import io.devws.testing.StartedProcesses;
import io.devws.testing.TerminalSize;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The whole session-host path for real: OpenSSH {@code ssh} → {@code devws-sidecar ssh-server --stdio}
 * (in-process server, or bridge → daemon) → {@code --executor host} → the session host started by
 * its launcher → the user's shell. Signals are compared with OpenSSH's own {@code sshd -i}.
 */
class HostExecutorIT {
    enum Mode { STDIO, DAEMON }

    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    SidecarProcesses sp;
    SessionHost host;

    private SidecarProcesses start(Mode mode) throws Exception {
        sp = new SidecarProcesses(tmp);
        host = SessionHost.start(sp);
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
        if (host != null) {
            host.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stdinReachesCatAndItsEofEndsIt(Mode mode) throws Exception {
        start(mode);
        Path hi = Files.writeString(tmp.resolve("hi.txt"), "hi\n");
        Result r = sp.run(sp.builder(sp.ssh(List.of(), "cat")).redirectInput(hi.toFile()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\n");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exitCodesAndStderrAndTheWorkdirComeThrough(Mode mode) throws Exception {
        start(mode);
        Result r = sp.run(sp.ssh(List.of("-o", "SetEnv=LC_DEVWS=v"), "echo out $LC_DEVWS; echo err >&2; pwd; exit 7"));
        assertThat(r.code()).isEqualTo(7);
        assertThat(r.out()).isEqualTo("out v\n" + sp.workdir.toRealPath() + "\n");
        assertThat(r.err()).isEqualTo("err\n");
    }

    /**
     * The workspace pod's setting: the kube executor with the session host running. Every session goes through the
     * host (the exec test server gets no exec), and the daemon loads no Kubernetes client, Vert.x, Netty or Jackson
     * databind, ~40 MiB in a pod (docs/benchmarks-sidecar.md, "A daemon without the Kubernetes client"); its own
     * class-loading log says so.
     */
    @Test
    void theKubeExecutorWithARunningHostNeverLoadsTheKubernetesClient() throws Exception {
        start(Mode.STDIO);
        try (ExecTestServer server = ExecTestServer.start()) {
            Path classes = tmp.resolve("daemon-classes.log");
            sp.settings.put(SidecarContract.ENV_EXECUTOR, "kube");
            sp.settings.put(SidecarContract.ENV_POD_NAME, WorkspaceNames.of("ws").pod());
            sp.settings.put(SidecarContract.ENV_POD_NAMESPACE, "ns");
            sp.settings.put("KUBECONFIG", server.writeKubeconfig(tmp.resolve("kubeconfig"), "ns").toString());
            sp.settings.put("DEVWS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
            sp.startDaemon();
            for (int i = 0; i < 3; i++) {
                Result r = sp.run(sp.ssh(List.of(), "echo $PPID"));
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(Long.parseLong(r.out().trim())).as("the session's parent").isEqualTo(host.process().orElseThrow().pid());
            }
            assertThat(server.requests()).as("no exec: the host served every session").isEmpty();
            List<String> loaded = Files.readAllLines(classes);
            assertThat(loaded).as("the log records the daemon's classes").anyMatch(l -> l.contains(" org.apache.sshd.server.SshServer "));
            List<String> client = loaded.stream().filter(l -> l.contains(" io.fabric8.kubernetes.client.KubernetesClientBuilder ")
                    || l.contains(" io.fabric8.kubernetes.client.impl.") || l.contains(" io.vertx.") || l.contains(" io.netty.")
                    || l.contains(" com.fasterxml.jackson.databind.")).limit(5).toList();
            assertThat(client).as("client classes the daemon loaded (the first 5)").isEmpty();
        }
    }

    /** Issue 11's early exit: the command ends long before its input does; exit 0, exactly 10 bytes, every time. */
    @Test
    void headOfABigInputExitsCleanlyTwoHundredTimes() throws Exception {
        start(Mode.DAEMON);
        Path big = tmp.resolve("16m.bin");
        OpenSshIT.writeRandom(big, 16 << 20);
        for (int i = 0; i < 200; i++) {
            Result r = sp.run(sp.builder(sp.ssh(List.of(), "head -c 10 | wc -c")).redirectInput(big.toFile()));
            assertThat(r.code()).as("run %d: %s\ndaemon: %s", i, r.err(), sp.daemonLog()).isZero();
            assertThat(r.out().trim()).as("run %d", i).isEqualTo("10");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sessionsAreChildrenOfTheHostNotOfAnExec(Mode mode) throws Exception {
        start(mode);
        Path pidFile = tmp.resolve("pid");
        Process ssh = sp.start(sp.builder(sp.ssh(List.of(), "echo $$ > " + pidFile + "; exec sleep 30"))
                .redirectInput(new File("/dev/null")));
        await().atMost(T).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle hostProcess = host.process().orElseThrow();
        assertThat(ProcessHandle.of(pid).orElseThrow().parent().map(ProcessHandle::pid)).contains(hostProcess.pid());
        ssh.destroy();
        await().atMost(T).until(() -> ProcessHandle.of(pid).isEmpty());
    }

    /** {@code ssh ws 'kill -TERM $$'}: devws and sshd report it the same way to the ssh client. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aCommandKilledByASignalEndsLikeWithSshd(Mode mode) throws Exception {
        start(mode);
        ReferenceSshd sshd = ReferenceSshd.create(sp);
        for (List<String> extra : List.of(List.<String>of(), List.of("-tt"))) {
            Result reference = sp.run(sshd.ssh(extra, "kill -TERM $$"));
            Result devws = sp.run(sp.ssh(extra, "kill -TERM $$"));
            assertThat(reference.code()).as("sshd, %s", extra).isEqualTo(255);
            assertThat(devws.code()).as("devws, %s: %s", extra, devws.err()).isEqualTo(reference.code());
            assertThat(devws.err()).as("devws, %s", extra).isEqualTo(reference.err());
            assertThat(devws.out()).isEqualTo(reference.out());
        }
    }

    /** Killed from elsewhere in the container ({@code kill -TERM PID}): the same report as sshd's. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void killTermFromOutsideReachesTheRemoteCommand(Mode mode) throws Exception {
        start(mode);
        Path pidFile = tmp.resolve("remote.pid");
        Process ssh = sp.start(sp.builder(sp.ssh(List.of(), "echo $$ > " + pidFile + "; exec sleep 60"))
                .redirectInput(new File("/dev/null")));
        await().atMost(T).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        assertThat(sp.run(List.of("kill", "-TERM", Files.readString(pidFile).trim())).code()).isZero();
        assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.exitValue()).isEqualTo(255);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ttyResizeAndCtrlCReachTheRemoteCommand(Mode mode) throws Exception {
        start(mode);
        List<String> cmd = sp.ssh(List.of("-tt"),
                "stty size; echo \"tty=$SSH_TTY\"; " + TerminalSize.untilResized("24 80") + "; trap 'echo got-int; exit 5' INT; echo waiting; sleep 60 & wait");
        PtyProcess ssh = (PtyProcess) sp.track(new PtyProcessBuilder(cmd.toArray(String[]::new))
                .setEnvironment(Map.of("PATH", System.getenv("PATH"), "TERM", "xterm"))
                .setDirectory(tmp.toString()).setInitialColumns(80).setInitialRows(24).start());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = OpenSshIT.drain(ssh.getInputStream(), out);
        await().atMost(T).until(() -> text(out).contains("24 80") && text(out).contains("tty=/dev/pts/"));
        ssh.setWinSize(new WinSize(132, 50)); // ssh sends window-change on SIGWINCH, asynchronously: the remote waits for it
        await().atMost(T).until(() -> text(out).contains("50 132") && text(out).contains("waiting"));
        ssh.getOutputStream().write(3); // ^C: the remote terminal turns it into SIGINT for its foreground group
        ssh.getOutputStream().flush();
        assertThat(ssh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.exitValue()).isEqualTo(5);
        reader.join(5000);
        assertThat(text(out)).contains("got-int");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClientThatDisappearsLeavesNoProcessBehind(Mode mode) throws Exception {
        start(mode);
        String marker = "sleep 5" + (mode.ordinal() + 1) + "3." + ProcessHandle.current().pid();
        Process ssh = sp.start(sp.builder(sp.ssh(List.of(), "cat >/dev/null & (trap '' HUP; exec " + marker + ")")));
        await().atMost(T).until(() -> remote(marker) > 0);
        ssh.destroyForcibly();
        await().atMost(T).until(() -> remote(marker) == 0);
    }

    /** scp and sftp go to the dev image's sftp-server, run by the host (a child of it, not of the sidecar). */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void scpAndSftpRunThroughTheHost(Mode mode) throws Exception {
        start(mode);
        Path up = tmp.resolve("up.bin");
        String sha = OpenSshIT.writeRandom(up, 3 << 20);
        List<String> scp = new java.util.ArrayList<>(List.of("scp", "-q"));
        scp.addAll(sp.sshOptions());
        List<String> upload = new java.util.ArrayList<>(scp);
        upload.addAll(List.of(up.toString(), "ws:scp.bin"));
        Result u = sp.run(upload);
        assertThat(u.code()).as(u.err()).isZero();
        assertThat(OpenSshIT.sha256(sp.workdir.resolve("scp.bin"))).isEqualTo(sha);
        List<String> download = new java.util.ArrayList<>(scp);
        download.addAll(List.of("ws:scp.bin", tmp.resolve("back.bin").toString()));
        assertThat(sp.run(download).code()).isZero();
        assertThat(OpenSshIT.sha256(tmp.resolve("back.bin"))).isEqualTo(sha);

        List<String> sftp = new java.util.ArrayList<>(List.of("sftp", "-b", "-"));
        sftp.addAll(sp.sshOptions());
        sftp.add("ws");
        Process session = sp.start(sp.builder(sftp));
        session.getOutputStream().write("pwd\n".getBytes());
        session.getOutputStream().flush();
        ProcessHandle hostProcess = host.process().orElseThrow();
        await().atMost(T).until(() -> hostProcess.children().anyMatch(
                c -> c.info().command().map(x -> x.endsWith("/sftp-server")).orElse(false)));
        session.getOutputStream().close();
        assertThat(session.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(session.getInputStream().readAllBytes()))
                .contains("Remote working directory: " + sp.workdir);
    }

    /**
     * {@code ssh -L port:/path} connects, and {@code ssh -R /path:...} listens, in the dev container as its user: the
     * peer of both sockets is the host's process (SO_PEERCRED), not the sidecar's. A file in the way is never replaced.
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void unixSocketForwardingActsWhereTheHostRuns(Mode mode) throws Exception {
        start(mode);
        long hostPid = host.process().orElseThrow().pid();
        Path app = tmp.resolve("app.sock");
        Path remote = tmp.resolve("r.sock");
        Path precious = Files.writeString(tmp.resolve("precious.txt"), "keep me");
        java.util.concurrent.CompletableFuture<Long> appPeer = new java.util.concurrent.CompletableFuture<>();
        try (AFUNIXServerSocket appServer = AFUNIXServerSocket.bindOn(AFUNIXSocketAddress.of(app.toFile()));
                ServerSocket laptop = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!appServer.isClosed()) { // the readiness probe below is a connection too
                    try (AFUNIXSocket c = appServer.accept()) {
                        appPeer.complete(c.getPeerCredentials().getPid());
                        c.getOutputStream().write("unix-pong".getBytes());
                    } catch (IOException e) {
                        appPeer.completeExceptionally(e);
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            Thread l = new Thread(() -> {
                while (!laptop.isClosed()) {
                    try (Socket c = laptop.accept()) {
                        c.getOutputStream().write("laptop-pong".getBytes());
                    } catch (IOException ignored) {
                        // asserted on the reading side
                    }
                }
            });
            l.setDaemon(true);
            l.start();
            // OpenSSH takes no port 0 for -L: a free port picked just before, and a new one if it was taken in between
            int u = 0;
            Process ssh = null;
            for (int attempt = 1; ssh == null; attempt++) {
                u = OpenSshIT.freePort();
                Path err = tmp.resolve("unix-forwards-" + attempt + ".err");
                Process started = sp.start(sp.builder(sp.ssh(List.of("-N", "-o", "ExitOnForwardFailure=yes", "-L", u + ":" + app,
                        "-R", remote + ":127.0.0.1:" + laptop.getLocalPort()), null)).redirectError(err.toFile()));
                int port = u;
                await("ssh itself listening on -L port " + port + " (or ended)").atMost(T)
                        .until(() -> Listeners.listensOn(started.toHandle(), port) || !started.isAlive());
                if (started.isAlive()) {
                    ssh = started;
                } else {
                    assertThat(StartedProcesses.read(err)).as("ssh ended: only a port taken since it was picked is retried")
                            .contains("Address already in use");
                    assertThat(attempt).as("local ports taken again and again").isLessThan(3);
                }
            }
            try (Socket s = new Socket("127.0.0.1", u)) {
                s.setSoTimeout(20_000);
                assertThat(new String(s.getInputStream().readAllBytes())).isEqualTo("unix-pong");
            }
            assertThat(appPeer.get(20, TimeUnit.SECONDS)).as("the process that connected to %s", app).isEqualTo(hostPid);

            await().atMost(T).until(() -> Files.exists(remote));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(remote)))
                    .isEqualTo("rw-------");
            try (AFUNIXSocket c = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(remote.toFile()))) {
                assertThat(c.getPeerCredentials().getPid()).as("the process listening on %s", remote).isEqualTo(hostPid);
                c.setSoTimeout(20_000);
                assertThat(new String(c.getInputStream().readAllBytes())).isEqualTo("laptop-pong");
            }
            ssh.destroy();
            await().atMost(T).until(() -> !Files.exists(remote)); // the forward's end removes its socket

            Result refused = sp.run(sp.ssh(List.of("-N", "-o", "ExitOnForwardFailure=yes",
                    "-R", precious + ":127.0.0.1:" + laptop.getLocalPort()), null));
            assertThat(refused.code()).isEqualTo(255);
            assertThat(refused.err()).contains("forwarding failed");
            assertThat(Files.readString(precious)).isEqualTo("keep me");
        }
    }

    /** The remote process itself (its command line is exactly the marker), never the ssh client. */
    static long remote(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.endsWith("/" + marker)).orElse(false)).count();
    }

    static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString();
        }
    }
}
