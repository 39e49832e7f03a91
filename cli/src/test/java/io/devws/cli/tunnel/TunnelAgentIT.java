package io.devws.cli.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.SidecarContract;
import io.devws.testing.ExecRequest;
import io.devws.testing.ProcessEnvirons;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-user tunnel agent behind {@code devws ssh --stdio}, with real OpenSSH, the real launcher,
 * real agent processes and the exec test server (see {@link FullPath}): the first connection
 * works in-process and starts the agent, later ones go through it, one exec each.
 */
@Timeout(240)
class TunnelAgentIT {
    @TempDir
    Path dir;
    FullPath path;
    Path agentDir;

    @BeforeEach
    void start() throws Exception {
        path = new FullPath(dir, FullPath.SHORT_KEEPALIVE);
        path.startDaemon();
        agentDir = path.runtimeDir().resolve("devws");
    }

    @AfterEach
    void stop() {
        path.close();
    }

    @Test
    void firstConnectionStartsTheAgentAndLaterOnesUseItWithOneExecEach() throws Exception {
        FullPath.Result first = path.run(path.ssh(List.of(), "echo one"), null);
        assertThat(first.code()).as(first.err() + path.daemonLog()).isZero();
        assertThat(first.out()).isEqualTo("one\n");
        long pid = awaitAgent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir.resolve("agent.sock")))).isEqualTo("rw-------");
        for (int i = 0; i < 3; i++) {
            FullPath.Result r = path.run(path.ssh(List.of(), "echo via-agent-" + i + "; exit 4"), null);
            assertThat(r.code()).as(r.err() + path.daemonLog()).isEqualTo(4);
            assertThat(r.out()).isEqualTo("via-agent-" + i + "\n");
        }
        String status = agentStatus();
        assertThat(status).contains("pid " + pid).contains("3 served").contains("1 opened");
        // four ssh, four execs of the stdio server: the API server authorizes each connection
        assertThat(path.server.requests()).filteredOn(r -> r.container().equals(SidecarContract.SIDECAR_CONTAINER))
                .extracting(ExecRequest::command).hasSize(4).allSatisfy(c -> assertThat(c).containsExactly(SidecarContract.STDIO_COMMAND));
        // RBAC is checked per connection: the warm client gets no pass
        path.server.denyExec(true);
        FullPath.Result denied = path.run(path.ssh(List.of(), "true"), null);
        assertThat(denied.code()).isEqualTo(255);
        assertThat(denied.err()).startsWith("devws: not allowed to exec into pod ").contains("pods/exec");
        path.server.denyExec(false);
        assertThat(agentStatus()).contains("pid " + pid).contains("4 served");
    }

    @Test
    void onceTheAgentRunsNoJvmStartsPerConnectionAndTheJvmThinClientStillServes() throws Exception {
        assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
        long pid = awaitAgent();
        // a JVM option no JVM accepts: any JVM the ProxyCommand started would fail; the perl thin client does not care
        Map<String, String> noJvm = Map.of("DEVWS_JAVA_OPTS", "-XX:+NoSuchOptionAnywhere");
        FullPath.Result perl = path.run(path.ssh(List.of(), "echo perl-out; echo perl-err >&2; exit 5"), noJvm);
        assertThat(perl.code()).as(perl.err()).isEqualTo(5);
        assertThat(perl.out()).isEqualTo("perl-out\n");
        assertThat(perl.err()).contains("perl-err").doesNotContain("NoSuchOptionAnywhere");
        // the same agent serves the JVM thin client (no perl on PATH, or DEVWS_THIN=jvm): one protocol, one identity
        FullPath.Result jvm = path.run(path.ssh(List.of(), "echo jvm-out; exit 6"), Map.of("DEVWS_THIN", "jvm"));
        assertThat(jvm.code()).as(jvm.err()).isEqualTo(6);
        assertThat(jvm.out()).isEqualTo("jvm-out\n");
        assertThat(agentStatus()).contains("pid " + pid).contains("2 served");
        // with DEVWS_THIN=jvm the bad option reaches a JVM: proof that the first run above started none
        FullPath.Result broken = path.run(path.ssh(List.of(), "true"), Map.of("DEVWS_THIN", "jvm", "DEVWS_JAVA_OPTS", "-XX:+NoSuchOptionAnywhere"));
        assertThat(broken.code()).isNotZero();
    }

    @Test
    void parallelSessionsShareTheAgent() throws Exception {
        assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
        long pid = awaitAgent();
        List<Process> ssh = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path out = dir.resolve("parallel-" + i + ".out");
            outs.add(out);
            ProcessBuilder pb = new ProcessBuilder(path.ssh(List.of(), "sleep 1; seq 1 20000 | sed 's/^/s" + i + "-/' | tail -1"))
                    .redirectInput(new java.io.File("/dev/null")).redirectOutput(out.toFile())
                    .redirectError(dir.resolve("parallel-" + i + ".err").toFile());
            pb.environment().put("XDG_RUNTIME_DIR", path.runtimeDir().toString());
            ssh.add(path.start(pb));
        }
        for (int i = 0; i < ssh.size(); i++) {
            assertThat(ssh.get(i).waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(ssh.get(i).exitValue()).as(FullPath.read(dir.resolve("parallel-" + i + ".err"))).isZero();
            assertThat(Files.readString(outs.get(i))).isEqualTo("s" + i + "-20000\n");
        }
        assertThat(agentStatus()).contains("pid " + pid).contains("6 served");
    }

    @Test
    void agentKilledMidSessionEndsThatSshWith255AndTheNextOneWorks() throws Exception {
        assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
        long pid = awaitAgent();
        Path out = dir.resolve("long.out");
        Path err = dir.resolve("long.err");
        ProcessBuilder pb = new ProcessBuilder(path.ssh(List.of(), "echo started; sleep 60"))
                .redirectInput(new java.io.File("/dev/null")).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("XDG_RUNTIME_DIR", path.runtimeDir().toString());
        Process ssh = path.start(pb);
        await().atMost(Duration.ofSeconds(60)).until(() -> FullPath.read(out).contains("started"));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long t0 = System.nanoTime();
        assertThat(ssh.waitFor(10, TimeUnit.SECONDS)).as("ssh ends promptly").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(ssh.exitValue()).isEqualTo(255);
        assertThat(FullPath.read(err)).contains("devws: the local tunnel agent stopped during the session");
        // the dead agent's socket is still there: the next ssh detects it, works, and a new agent replaces it
        assertThat(agentDir.resolve("agent.sock")).exists();
        FullPath.Result next = path.run(path.ssh(List.of(), "echo again"), null);
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).isEqualTo("again\n");
        assertThat(awaitAgent()).isNotEqualTo(pid);
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        Files.createDirectories(agentDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(agentDir.resolve("agent.sock")));
        } // closed, file left behind: an agent that died without cleaning up
        assertThat(agentDir.resolve("agent.sock")).exists();
        FullPath.Result r = path.run(path.ssh(List.of(), "echo ok"), null);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ok\n");
        awaitAgent();
        FullPath.Result next = path.run(path.ssh(List.of(), "echo ok"), null);
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(agentStatus()).contains("1 served");
    }

    /**
     * An agent killed while idle (SIGKILL: no clean-up) leaves its socket file, its lock and a pid file naming a
     * dead pid; later that pid may even belong to another live process. The launcher sees a socket, the thin
     * client's connect is refused, the in-process path serves, and a new agent takes the socket over.
     */
    @Test
    void aSocketOfADeadAgentFallsBackAndANewAgentTakesOver() throws Exception {
        assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
        long dead = awaitAgent();
        ProcessHandle handle = ProcessHandle.of(dead).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().get(10, TimeUnit.SECONDS);
        Path socket = agentDir.resolve("agent.sock");
        assertThat(socket).exists();
        assertThat(Files.readString(agentDir.resolve("agent.pid")).trim()).isEqualTo(Long.toString(dead));
        assertThat(FullPath.answers(socket)).as("nobody listens on the dead agent's socket").isFalse();
        for (String owner : List.of("dead", "reused")) {
            Process other = null;
            if (owner.equals("reused")) {
                // the pid file now names a live process that is no agent, as after pid reuse
                long next = awaitAgent();
                ProcessHandle killed = ProcessHandle.of(next).orElseThrow();
                killed.destroyForcibly();
                killed.onExit().get(10, TimeUnit.SECONDS);
                other = path.start(new ProcessBuilder("sleep", "120"));
                Files.writeString(agentDir.resolve("agent.pid"), other.pid() + "\n");
                dead = next;
            }
            FullPath.Result r = path.run(path.ssh(List.of(), "echo served-" + owner), null);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("served-" + owner + "\n");
            assertThat(r.err()).isEmpty();
            long stale = other != null ? other.pid() : dead;
            // the pid file follows the bind: wait for the new agent's own
            long fresh = await().atMost(Duration.ofSeconds(60)).until(this::awaitAgent, p -> p != stale);
            assertThat(fresh).isNotEqualTo(dead);
            assertThat(FullPath.answers(socket)).isTrue();
            if (other != null) {
                assertThat(other.isAlive()).as("the process the stale pid file named is left alone").isTrue();
                other.destroy();
            }
        }
        FullPath.Result viaAgent = path.run(path.ssh(List.of(), "echo via-agent"), null);
        assertThat(viaAgent.code()).as(viaAgent.err()).isZero();
        assertThat(agentStatus()).contains("1 served");
    }

    @Test
    void aChangedKubeconfigGetsANewClient() throws Exception {
        assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
        awaitAgent();
        String good = Files.readString(path.kubeconfig);
        assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
        // the same file now names a server that is not there: the agent must use it, not its warm client
        Files.writeString(path.kubeconfig, good.replace(path.server.url(), "http://127.0.0.1:9"));
        FullPath.Result moved = path.run(path.ssh(List.of(), "true"), null);
        assertThat(moved.code()).isEqualTo(255);
        assertThat(moved.err()).startsWith("devws: cannot reach the Kubernetes API server");
        Files.writeString(path.kubeconfig, good);
        FullPath.Result back = path.run(path.ssh(List.of(), "echo back"), null);
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(back.out()).isEqualTo("back\n");
        assertThat(agentStatus()).contains("3 served").contains("3 opened");
    }

    @Test
    void whenTheAgentCannotStartOrAnswerTheProxyCommandWorksInProcess() throws Exception {
        // cannot start: the runtime "directory" is a file
        Path notADir = Files.writeString(dir.resolve("xdg-file"), "");
        for (int i = 0; i < 2; i++) {
            FullPath.Result r = path.run(path.ssh(List.of(), "echo in-process"), Map.of("XDG_RUNTIME_DIR", notADir.toString()));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("in-process\n");
        }
        // cannot answer: something listens on the socket and never replies
        Files.createDirectories(agentDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(agentDir.resolve("agent.sock")));
            FullPath.Result r = path.run(path.ssh(List.of(), "echo still"), null);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("still\n");
            // a silent agent costs the 2 s handshake bound, not a hang (the in-process path alone took ~10 s at load 30)
            assertThat(r.took()).isLessThan(Duration.ofSeconds(60));
        }
        // and off: no agent is started at all
        Path off = Files.createDirectories(dir.resolve("xdg-off"));
        FullPath.Result r = path.run(path.ssh(List.of(), "true"), Map.of("XDG_RUNTIME_DIR", off.toString(), "DEVWS_AGENT", "off"));
        assertThat(r.code()).isZero();
        // ssh has returned; the ProxyCommand JVM may still run its exit hook (where it would start an agent):
        // wait until no ProxyCommand of this runtime dir is left, then nothing may have started one
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessEnvirons.withVariable("XDG_RUNTIME_DIR", off.toString()).stream()
                .noneMatch(h -> h.info().commandLine().orElse("").contains("--stdio")));
        assertThat(ProcessEnvirons.withVariable("XDG_RUNTIME_DIR", off.toString())).as("no agent process").isEmpty();
        assertThat(off.resolve("devws")).doesNotExist();
    }

    @Test
    void anAgentOfAnotherBuildRetiresAndIsNotUsed() throws Exception {
        assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
        long pid = awaitAgent();
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(agentDir.resolve("agent.sock")))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            out.writeInt(0x64657701);
            out.writeUTF("0.0.1/another-build");
            for (int i = 0; i < 3; i++) {
                out.writeUTF("");
            }
            out.writeInt(0);
            out.flush();
            assertThat(new DataInputStream(Channels.newInputStream(ch)).readByte()).isEqualTo((byte) 'V');
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty());
        FullPath.Result r = path.run(path.ssh(List.of(), "echo fresh"), null);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(awaitAgent()).isNotEqualTo(pid);
    }

    @Test
    void twoUsersEachHaveTheirOwnAgentAndNeitherReachesTheOthers() throws Exception {
        assertThat(System.getProperty("user.name")).as("this test creates a throw-away user: run it as root").isEqualTo("root");
        String user = "devwsag" + ProcessHandle.current().pid() % 100000;
        Path home = Files.createTempDirectory("devws-other-user");
        run("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", user);
        Process other = null;
        try {
            run("chown", user, home.toString());
            // my agent
            assertThat(path.run(path.ssh(List.of(), "true"), null).code()).isZero();
            long mine = awaitAgent();
            // theirs, started as they would (no XDG_RUNTIME_DIR: ~/.devws/run)
            other = path.start(new ProcessBuilder("runuser", "-u", user, "--", "env", "-u", "XDG_RUNTIME_DIR", "HOME=" + home,
                    FullPath.CLI.toString(), "agent", "run", "--idle", "60s").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("other-agent.log").toFile()));
            Path theirs = home.resolve(".devws/run/agent.sock");
            Path theirPidFile = home.resolve(".devws/run/agent.pid");
            // the agent writes its pid file just after binding: wait for both
            await().atMost(Duration.ofSeconds(60)).until(() -> FullPath.answers(theirs) && Files.exists(theirPidFile)
                    && !Files.readString(theirPidFile).isBlank());
            long theirPid = Long.parseLong(Files.readString(theirPidFile).trim());
            assertThat(theirPid).isNotEqualTo(mine);
            assertThat(ProcessHandle.of(theirPid).orElseThrow().info().user()).contains(user);
            assertThat(Files.getOwner(theirs).getName()).isEqualTo(user);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(theirs.getParent()))).isEqualTo("rwx------");
            // they cannot reach mine: only my agent directory (0700) stands in the way once the path is walkable
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(path.runtimeDir(), PosixFilePermissions.fromString("rwx--x--x"));
            FullPath.Result denied = path.run(List.of("runuser", "-u", user, "--", "socat", "-u", "/dev/null",
                    "UNIX-CONNECT:" + agentDir.resolve("agent.sock")), null);
            assertThat(denied.code()).isNotZero();
            assertThat(denied.err()).contains("Permission denied");
            // root passes any file mode; their agent still serves nobody but them (peer credentials)
            assertThat(answerTo(theirs)).as("their agent's answer to root").isEqualTo(-1);
            assertThat(answerTo(agentDir.resolve("agent.sock"))).as("my agent's answer to me").isEqualTo('V');
            assertThat(ProcessHandle.of(theirPid)).isPresent();
        } finally {
            if (other != null) {
                // userdel refuses while any of their processes lives: wait for every one to be gone, not just runuser
                List<ProcessHandle> theirs = new ArrayList<>(other.descendants().toList());
                theirs.add(other.toHandle());
                theirs.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle h : theirs) {
                    h.onExit().get(10, TimeUnit.SECONDS);
                }
            }
            run("userdel", user);
            run("rm", "-rf", home.toString());
        }
    }

    /** The first byte an agent answers a request (of another build) with; -1 when it closes without a word. */
    private static int answerTo(Path socket) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(ch));
            out.writeInt(0x64657701);
            out.writeUTF("probe");
            for (int i = 0; i < 3; i++) {
                out.writeUTF("");
            }
            out.writeInt(0);
            out.flush();
            return Channels.newInputStream(ch).read();
        } catch (IOException e) {
            return -1; // closed on us before we finished writing
        }
    }

    private void run(String... cmd) throws Exception {
        FullPath.Result r = path.run(List.of(cmd), null);
        assertThat(r.code()).as(String.join(" ", cmd) + ": " + r.err()).isZero();
    }

    /** The running agent's pid once its socket answers. */
    private long awaitAgent() throws IOException {
        return path.awaitAgent();
    }

    private String agentStatus() throws Exception {
        FullPath.Result r = path.run(List.of(FullPath.CLI.toString(), "agent", "status"), null);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }
}
