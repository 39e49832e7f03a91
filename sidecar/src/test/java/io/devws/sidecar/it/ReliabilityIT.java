package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import io.devws.sidecar.it.SidecarProcesses.Result;
import io.devws.testing.ExecTestServer;
import io.devws.testing.Listeners;
import io.devws.testing.StartedProcesses;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, reliability: no connection held hostage. The experiments of the issue, against the real daemon
 * with real OpenSSH, each on one SSH connection shared by several channels (an OpenSSH ControlMaster).
 */
class ReliabilityIT {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    SidecarProcesses sp;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sp = new SidecarProcesses(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        sp.close();
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A ControlMaster connection running {@code remote}; further {@link #onMaster} commands share it. */
    private Process master(List<String> extra, String remote) throws Exception {
        List<String> opts = new ArrayList<>(List.of("-M", "-S", tmp.resolve("ctl").toString(), "-o", "ControlPersist=no"));
        opts.addAll(extra);
        ProcessBuilder pb = sp.builder(sp.ssh(opts, remote)).redirectInput(new File("/dev/null"))
                .redirectOutput(tmp.resolve("master.out").toFile()).redirectError(tmp.resolve("master.err").toFile());
        Process p = sp.start(pb);
        await().atMost(T).until(() -> !p.isAlive()
                || sp.run(List.of("ssh", "-S", tmp.resolve("ctl").toString(), "-O", "check", "ws")).code() == 0);
        assertThat(p.isAlive()).as("the master; stderr: %s", StartedProcesses.read(tmp.resolve("master.err"))).isTrue();
        return p;
    }

    private List<String> onMaster(String remote) {
        return List.of("ssh", "-S", tmp.resolve("ctl").toString(), "-o", "LogLevel=ERROR", "ws", remote);
    }

    /**
     * Runs {@code remote} on the master's connection and gives it {@code within} to answer. A try that fails is
     * retried inside that time: under the agent flood, OpenSSH's mux client sometimes exits 255 right after the
     * master gave it a session id, before the master sent anything to the server (the master frees the channel
     * itself; the daemon sees no open). A frozen connection fails every try.
     */
    private Result answersWithin(Duration within, String remote) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Result r;
        int tries = 0;
        do {
            r = sp.run(onMaster(remote));
            tries++;
        } while (r.code() != 0 && System.nanoTime() < deadline);
        assertThat(System.nanoTime()).as("%s: %d tries, stderr: %s", remote, tries, r.err()).isLessThan(deadline);
        assertThat(r.code()).as("%s: %s\nmaster: %s\ndaemon: %s", remote, r.err(),
                io.devws.testing.StartedProcesses.read(tmp.resolve("master.err")), sp.daemonLog()).isZero();
        return r;
    }

    private static void signal(String sig, Process p) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor();
    }

    /**
     * Point 1: a process that writes agent requests and never reads the replies. The replies pile up in its
     * own channel (whose window closes), not in the connection's reader: the shell on the same connection
     * keeps answering, also after more keepalive rounds than it takes to declare a peer dead.
     */
    /**
     * The exit status comes before EOF, as sshd sends it: over a shared connection every quick command reports its
     * own. MINA's exit callback sent EOF first; the OpenSSH master, its input already ended, answered with CLOSE at
     * once and MINA dropped the exit status that followed (31 of 200 {@code ssh true} exited 255 by hand).
     */
    @Test
    void everyQuickCommandOnASharedConnectionReportsItsExitStatus() throws Exception {
        sp.startDaemon();
        Process master = master(List.of(), "sleep 300");
        for (int i = 0; i < 100; i++) {
            Result r = sp.run(onMaster("exit " + i % 3));
            assertThat(r.code()).as("run %d: %s", i, r.err()).isEqualTo(i % 3);
        }
        assertThat(master.isAlive()).isTrue();
    }

    @Test
    void anAgentFloodThatNeverReadsRepliesDoesNotFreezeTheConnection() throws Exception {
        sp.startDaemon();
        Path agentSock = tmp.resolve("user.agent");
        sp.start(new ProcessBuilder("ssh-agent", "-D", "-a", agentSock.toString())
                .redirectOutput(new File("/dev/null")).redirectError(tmp.resolve("agent.err").toFile()));
        await().atMost(T).until(() -> Files.exists(agentSock));
        sp.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", tmp.resolve("k").toString()));
        ProcessBuilder add = new ProcessBuilder("ssh-add", tmp.resolve("k").toString()).redirectInput(new File("/dev/null"));
        add.environment().put("SSH_AUTH_SOCK", agentSock.toString());
        assertThat(sp.run(add).code()).isZero();

        Path started = tmp.resolve("flooding");
        String flood = "import os,socket,time\n"
                + "s=socket.socket(socket.AF_UNIX); s.connect(os.environ['SSH_AUTH_SOCK'])\n"
                + "open('" + started + "','w').close()\n"
                + "req=b'\\0\\0\\0\\x01\\x0b'*2000\n"
                + "for i in range(400): s.sendall(req)\n"
                + "time.sleep(300)\n";
        Path script = Files.writeString(tmp.resolve("flood.py"), flood);
        List<String> opts = new ArrayList<>(List.of("-M", "-S", tmp.resolve("ctl").toString(), "-o", "ControlPersist=no", "-A"));
        ProcessBuilder pb = sp.builder(sp.ssh(opts, "python3 " + script)).redirectInput(new File("/dev/null"))
                .redirectOutput(tmp.resolve("master.out").toFile()).redirectError(tmp.resolve("master.err").toFile());
        pb.environment().put("SSH_AUTH_SOCK", agentSock.toString());
        Process master = sp.start(pb);
        await().atMost(T).until(() -> Files.exists(started));
        await().atMost(T).until(() -> sp.run(List.of("ssh", "-S", tmp.resolve("ctl").toString(), "-O", "check", "ws")).code() == 0);
        Thread.sleep(2000); // the replies have filled the socket long since: 4 MB of them, never read

        assertThat(answersWithin(Duration.ofSeconds(8), "echo alive").out()).isEqualTo("alive\n");
        Thread.sleep(8000); // > 3 keepalives of 2 s: a frozen reader would have lost the connection by now
        assertThat(answersWithin(Duration.ofSeconds(8), "echo still-alive").out()).isEqualTo("still-alive\n");
        assertThat(master.isAlive()).as(io.devws.testing.StartedProcesses.read(tmp.resolve("master.err"))).isTrue();
    }

    /**
     * Point 2 of the issue: a client that stops reading while the daemon sends to it must not stop the keepalive
     * timer; a silent peer on another connection is still closed after its missed keepalives.
     */
    @Test
    void aClientThatStopsReadingDoesNotKeepDeadPeersAlive() throws Exception {
        sp.startDaemon();
        Process stalled = sp.start(sp.builder(sp.ssh(List.of(), "yes devws-stalled-output")).redirectInput(new File("/dev/null")));
        InputStream out = stalled.getInputStream();
        out.readNBytes(64 * 1024); // the stream flows
        signal("STOP", stalled); // from now on the daemon's writes to this connection block
        try {
            Thread.sleep(3000);
            String marker = "sleep 61" + "9.5";
            Process silent = sp.start(sp.builder(sp.ssh(List.of(), "exec " + marker)).redirectInput(new File("/dev/null")));
            await().atMost(T).until(() -> remoteCommands(marker, silent) > 0);
            signal("STOP", silent);
            try {
                // 3 missed keepalives of 2 s, then closed; much later only if the timer is stuck
                await().atMost(Duration.ofSeconds(25)).until(() -> remoteCommands(marker, silent) == 0);
                assertThat(sp.daemonLog()).contains("closing connection 2: no answer to 3 keepalives");
            } finally {
                signal("CONT", silent);
                silent.destroy();
            }
        } finally {
            signal("CONT", stalled);
            stalled.destroy();
        }
    }

    /** A daemon with the kube executor, its API server the exec test server behind a proxy that can hang. */
    private FreezableProxy kubeDaemon(ExecTestServer server) throws Exception {
        KubernetesClient client = server.client();
        client.pods().inNamespace("ns").resource(TestWorkspaces.pod("ns", "ws", true)).create();
        FreezableProxy proxy = new FreezableProxy(server.port());
        closing.add(proxy);
        Path kubeconfig = tmp.resolve("kubeconfig");
        io.devws.testing.Kubeconfigs.write(kubeconfig, "http://127.0.0.1:" + proxy.port(), "ns");
        sp.settings.put("KUBECONFIG", kubeconfig.toString());
        sp.settings.put(SidecarContract.ENV_EXECUTOR, "kube");
        sp.settings.put(SidecarContract.ENV_POD_NAME, WorkspaceNames.of("ws").pod());
        sp.settings.put(SidecarContract.ENV_POD_NAMESPACE, "ns");
        sp.startDaemon();
        return proxy;
    }

    /** An echo server on loopback for one connection. */
    private record Echo(ServerSocket server) implements AutoCloseable {
        static Echo start() throws Exception {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread echoer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (Exception ignored) {
                    // test over
                }
            });
            echoer.setDaemon(true);
            echoer.start();
            return new Echo(server);
        }

        /** A round trip through {@code ssh -L local:...}, within 5 s. */
        void roundTrip(int local) throws Exception {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), local)) {
                s.setSoTimeout(5000);
                OutputStream o = s.getOutputStream();
                o.write("ping\n".getBytes());
                o.flush();
                assertThat(new String(s.getInputStream().readNBytes(5))).isEqualTo("ping\n");
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    /** The master of the kube daemon tests, with its session running (an exec, started before any fault). */
    private Process kubeMaster(List<String> extra) throws Exception {
        Process master = master(extra, "exec sleep $((290+11))");
        await().atMost(T).until(() -> remoteCommands("sleep 301", master) > 0);
        return master;
    }

    /** Point 3: a session the API server refuses (403) ends with a message and 255, alone. */
    @Test
    void aSessionTheApiServerRefusesEndsItsChannelOnly() throws Exception {
        ExecTestServer server = ExecTestServer.start();
        closing.add(server);
        kubeDaemon(server);
        Process master = kubeMaster(List.of());
        server.denyExec(true);
        Result refused = sp.run(onMaster("echo never"));
        assertThat(refused.code()).isEqualTo(255);
        assertThat(refused.err()).contains("devws: the session could not start").contains("HTTP 403");
        server.denyExec(false);
        assertThat(answersWithin(Duration.ofSeconds(20), "echo alive").out()).isEqualTo("alive\n");
        assertThat(master.isAlive()).isTrue();
    }

    /** Point 4: a session whose exec hangs on the API server holds up no other channel (a -L forward, keepalives). */
    @Test
    void aSessionWhoseExecHangsHoldsUpNoOtherChannel() throws Exception {
        ExecTestServer server = ExecTestServer.start();
        closing.add(server);
        FreezableProxy api = kubeDaemon(server);
        try (Echo echo = Echo.start()) {
            // OpenSSH takes no port 0 for -L: a free port picked just before, and a new one if it was taken in between
            Process master = null;
            int local = 0;
            for (int attempt = 1; master == null; attempt++) {
                local = OpenSshIT.freePort();
                List<String> forward = List.of("-o", "ExitOnForwardFailure=yes", "-L", local + ":127.0.0.1:" + echo.server().getLocalPort());
                try {
                    master = kubeMaster(forward);
                } catch (AssertionError ended) {
                    assertThat(StartedProcesses.read(tmp.resolve("master.err"))).as("the master ended: only a port taken since it was picked is retried")
                            .contains("Address already in use");
                    assertThat(attempt).as("local ports taken again and again").isLessThan(3);
                }
            }
            Process m = master;
            int port = local;
            await("the master itself listening on -L port " + port).atMost(T).until(() -> Listeners.listensOn(m.toHandle(), port));
            api.freeze(true);
            Process hanging = sp.start(sp.builder(onMaster("echo hangs")).redirectInput(new File("/dev/null")));
            await("the session's exec held by the frozen API server").atMost(T).until(() -> api.held() > 0);
            echo.roundTrip(local);
            Thread.sleep(6000); // 3 keepalives of 2 s: answered, so the connection lives
            assertThat(master.isAlive()).isTrue();
            api.freeze(false);
            hanging.destroy();
        }
    }

    /** Point 5: channels at once are capped per connection; past the cap one channel is refused, the others live. */
    @Test
    void channelsPerConnectionAreCapped() throws Exception {
        sp.settings.put("DEVWS_MAX_CHANNELS", "3");
        sp.startDaemon();
        Process master = master(List.of(), "sleep 300");
        String marker = "sleep 317";
        List<Process> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(sp.start(sp.builder(onMaster("exec sleep $((300+17))")).redirectInput(new File("/dev/null"))));
        }
        await().atMost(T).until(() -> remoteCommands(marker, held.get(0)) == 2);
        Result over = sp.run(onMaster("echo over"));
        assertThat(over.code()).isEqualTo(255);
        assertThat(over.out()).isEmpty();
        assertThat(master.isAlive()).isTrue();
        // one held session ends (its remote process, started by this test, exits): its channel is free again
        ProcessHandle.allProcesses().filter(h -> held.stream().noneMatch(p -> p.pid() == h.pid()))
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .findFirst().orElseThrow().destroy();
        await().atMost(T).until(() -> sp.run(onMaster("echo fits")).out().equals("fits\n"));
        assertThat(master.isAlive()).isTrue();
    }

    /** Point 5: client variables as OpenSSH's AcceptEnv, and only so many, so small. */
    @Test
    void clientVariablesAreFilteredAndCapped() throws Exception {
        sp.settings.put("DEVWS_MAX_ENV", "2");
        sp.settings.put("DEVWS_MAX_ENV_BYTES", "100");
        sp.startDaemon();
        String big = "x".repeat(200);
        Result r = sp.run(sp.ssh(List.of("-o", "SetEnv=EVIL=x LC_BIG=" + big + " LC_A=1 TZ=UTC LC_C=3"),
                "echo \"$EVIL|${#LC_BIG}|$LC_A|$TZ|$LC_C\""));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("|0|1|UTC|\n");
    }

    /** Point 5: {@code ssh -R} listeners, TCP and Unix socket together, are capped per connection. */
    @Test
    void listenersPerConnectionAreCapped() throws Exception {
        sp.settings.put("DEVWS_MAX_LISTENERS", "2");
        sp.startDaemon();
        List<String> two = List.of("-o", "ExitOnForwardFailure=yes", "-R", tmp.resolve("a.sock") + ":127.0.0.1:9",
                "-R", "0:127.0.0.1:9");
        Result fits = sp.run(sp.ssh(two, "echo up"));
        assertThat(fits.out()).as(fits.err()).isEqualTo("up\n");
        List<String> three = new ArrayList<>(two);
        three.addAll(List.of("-R", tmp.resolve("b.sock") + ":127.0.0.1:9"));
        Result over = sp.run(sp.ssh(three, "echo up"));
        assertThat(over.code()).isEqualTo(255);
        assertThat(over.err()).contains("forwarding failed");
        assertThat(sp.daemonLog()).contains("connection holds 2 listeners");
    }

    /** A packet header claiming 4 GiB before authentication. */
    private static byte[] hugePacket() {
        return new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    /** Point 5: a pre-auth peer that announces a 4 GiB packet and stalls is cut off at the authentication time limit. */
    @Test
    void aHugePreAuthPacketEndsTheConnectionWithinTheAuthTimeout() throws Exception {
        sp.settings.put("DEVWS_AUTH_TIMEOUT", "3s");
        sp.startDaemon();
        try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(sp.socket))) {
            c.write(java.nio.ByteBuffer.wrap("SSH-2.0-hostile\r\n".getBytes()));
            c.write(java.nio.ByteBuffer.wrap(hugePacket()));
            long t0 = System.nanoTime();
            java.util.concurrent.CompletableFuture<Long> closed = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return (long) java.nio.channels.Channels.newInputStream(c).readAllBytes().length;
                } catch (java.io.IOException e) {
                    return -1L;
                }
            });
            closed.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(sp.run(sp.ssh(List.of(), "echo still-serving")).out()).isEqualTo("still-serving\n");
    }

    /** Point 5: {@code ssh-server --stdio} (in-process) exits 255 on a protocol error, and 0 after a normal session. */
    @Test
    void theStdioServerExitsNonZeroOnAProtocolError() throws Exception {
        Path bad = tmp.resolve("bad");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write("SSH-2.0-hostile\r\n".getBytes());
        b.write(hugePacket());
        Files.write(bad, b.toByteArray());
        Result r = sp.run(sp.builder(List.of(SidecarProcesses.LAUNCHER.toString(), "ssh-server", "--stdio", "--no-daemon"))
                .redirectInput(bad.toFile()));
        assertThat(r.code()).as(r.err()).isEqualTo(255);
        assertThat(r.out()).doesNotContain("INFO").doesNotContain("WARN"); // SSH bytes only, if any

        List<String> inProcess = new ArrayList<>(sp.sshOptions());
        inProcess.replaceAll(o -> o.endsWith(" ssh-server --stdio") ? o + " --no-daemon" : o);
        // ssh hangs up its ProxyCommand when done: the shell ignores that to report the server's own exit code
        Path exit = tmp.resolve("proxy-exit");
        inProcess.replaceAll(o -> o.startsWith("ProxyCommand=") ? "ProxyCommand=sh -c 'trap \"\" HUP; "
                + o.substring("ProxyCommand=".length()) + "; echo $? > " + exit + "'" : o);
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(inProcess);
        cmd.addAll(List.of("ws", "echo fine"));
        assertThat(sp.run(cmd).out()).isEqualTo("fine\n");
        await().atMost(T).until(() -> Files.exists(exit) && !Files.readString(exit).isBlank());
        assertThat(Files.readString(exit).trim()).isEqualTo("0");
    }

    /** A bad limit stops the daemon with one line naming the variable, exit 1 (docs/security.md). */
    @Test
    void aBadLimitStopsTheDaemonWithOneLine() throws Exception {
        sp.settings.put("DEVWS_MAX_CHANNELS", "lots");
        Result r = sp.run(List.of(SidecarProcesses.LAUNCHER.toString(), "serve"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("devws-sidecar: DEVWS_MAX_CHANNELS must be a positive whole number, not 'lots'");
        assertThat(sp.socket).doesNotExist();
    }

    /**
     * The remote commands running {@code marker}, not counting the ssh client itself: the tests spell the marker out
     * only in the remote shell (e.g. {@code sleep $((290+11))} runs {@code sleep 301}), so no client's command line
     * matches it.
     */
    static long remoteCommands(String marker, Process ssh) {
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ssh.pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).count();
    }
}
