package io.devws.host.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.devws.host.client.HostClient;
import io.devws.host.client.HostSession;
import io.devws.host.os.Spawner;
import io.devws.host.protocol.ExitInfo;
import io.devws.host.protocol.Frames;
import io.devws.host.protocol.Payloads;
import io.devws.host.protocol.StartRequest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol against the real host process: real shells, pipes, a PTY, signals, process groups. */
class SessionHostIT {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    HostProcess host;
    HostClient client;

    @BeforeEach
    void start() throws Exception {
        host = HostProcess.serve(tmp);
        client = new HostClient(host.socket);
    }

    @AfterEach
    void stop() throws Exception {
        host.close();
    }

    private static StartRequest exec(String command) {
        return new StartRequest(command, Map.of(), null, null, 0, 0, Map.of());
    }

    @Test
    void pingAnswersTheProtocolVersionAndTheSocketIsOwnerOnly() throws Exception {
        assertThat(client.ping()).isEqualTo(Frames.VERSION);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(host.socket)))
                .isEqualTo("rw-------");
    }

    @Test
    void theNextHostEndsTheSessionsOfAHostThatDied() throws Exception {
        String marker = "sleep 4321.5";
        HostSession s = client.start(exec("exec " + marker)); // no PTY: nothing hangs it up when the host dies
        await().atMost(T).until(() -> running(marker) == 1);
        ProcessHandle session = sessions(marker).get(0);
        long deadHost = host.process.pid();
        assertThat(descends(session, deadHost)).as("the session runs under the host").isTrue();
        host.process.destroyForcibly(); // SIGKILL: the host cannot clean up
        assertThat(host.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        s.close();
        // the host's death has been dealt with (its session orphaned, re-parented), and the session lives on
        await("the session re-parented away from the dead host").atMost(T).until(() -> !descends(session, deadHost));
        assertThat(running(marker)).as("a session of the dead host still runs").isEqualTo(1);
        host = HostProcess.serve(tmp);
        await().atMost(T).until(() -> running(marker) == 0);
    }

    @Test
    void stdinEofIsARealHalfCloseAndStdoutStderrStayApart() throws Exception {
        HostSession s = client.start(exec("cat; echo done >&2; exit 7"));
        try (OutputStream in = s.stdin()) {
            in.write("hi\n".getBytes());
        }
        Output o = Output.of(s);
        assertThat(o.exit).isEqualTo(new ExitInfo(7, null, false));
        assertThat(o.out).isEqualTo("hi\n");
        assertThat(o.err).isEqualTo("done\n");
    }

    /**
     * Without a PTY the host hands the child's own pipes to the client (SCM_RIGHTS): the pipe the child writes is
     * open in this process, and no longer in the host's, so no process relays the session's bytes.
     */
    @Test
    void sessionsWithoutAPtyGetTheChildsOwnPipes() throws Exception {
        HostSession s = client.start(exec("readlink /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2"));
        assertThat(s.piped()).isTrue();
        s.stdin().close();
        Output o = Output.of(s);
        List<String> pipes = List.of(o.out.strip().split("\n"));
        assertThat(pipes).hasSize(3).allMatch(p -> p.startsWith("pipe:["));
        assertThat(o.exit).isEqualTo(new ExitInfo(0, null, false));
        HostSession live = client.start(exec("readlink /proc/self/fd/1; exec sleep 60"));
        BufferedReader line = new BufferedReader(new InputStreamReader(live.stdout(), StandardCharsets.UTF_8));
        String stdout = line.readLine();
        assertThat(openPipes(ProcessHandle.current().pid())).as("the client holds the child's stdout").contains(stdout);
        assertThat(openPipes(host.process.pid())).as("the host holds none of the child's pipes").doesNotContain(stdout);
        live.close();
        await("the closed session's process is hung up").atMost(T)
                .until(() -> ProcessHandle.of(live.pid()).map(p -> !p.isAlive()).orElse(true));
    }

    /** A piped start asks for pipes: one with a terminal is refused before anything runs, with the reason. */
    @Test
    void aPipedStartWithATerminalIsRefused() throws Exception {
        try (var sock = org.newsclub.net.unix.AFUNIXSocket.connectTo(
                org.newsclub.net.unix.AFUNIXSocketAddress.of(host.socket.toFile()))) {
            var in = new java.io.DataInputStream(sock.getInputStream());
            var out = new java.io.DataOutputStream(sock.getOutputStream());
            Frames.write(out, Frames.HELLO, Payloads.hello());
            assertThat(Frames.read(in).type()).isEqualTo(Frames.HELLO);
            Frames.write(out, Frames.START_PIPED, new StartRequest("touch " + tmp.resolve("ran"), Map.of(), null, "xterm",
                    80, 24, Map.of()).encode());
            Frames.Frame reply = Frames.read(in);
            assertThat(reply.type()).isEqualTo(Frames.ERROR);
            assertThat(Payloads.utf(reply.payload())).contains("no terminal");
        }
        assertThat(tmp.resolve("ran")).doesNotExist();
    }

    /** The stdout pipe holds 256 KiB (F_GETPIPE_SZ, asked by the child itself), stdin and stderr the default. */
    @Test
    void theOutputPipeHoldsMoreThanTheDefault() throws Exception {
        HostSession s = client.start(exec("for fd in 0 1 2; do perl -e 'print fcntl($ARGV[0] == 0 ? STDIN : $ARGV[0] == 1"
                + " ? STDOUT : STDERR, 1032, 0) + 0, \"\\n\"' $fd; done"));
        s.stdin().close();
        Output o = Output.of(s);
        assertThat(o.out.split("\n")).containsExactly("65536", String.valueOf(Spawner.OUTPUT_PIPE_BYTES), "65536");
    }

    /** An early exit: the input the process never reads is dropped without failing the writer, the exit comes. */
    @Test
    void inputAProcessNoLongerReadsIsDroppedAndTheExitStillComes() throws Exception {
        HostSession s = client.start(exec("head -c 10"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = drain(s.stdout(), out);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream in = s.stdin()) {
            for (int i = 0; i < 17 * 16; i++) { // 17 MiB, far beyond the pipe's buffer
                in.write(chunk);
            }
        }
        assertThat(s.exit().get(30, TimeUnit.SECONDS)).isEqualTo(new ExitInfo(0, null, false));
        reader.join(5000);
        assertThat(out.size()).isEqualTo(10);
    }

    /**
     * A background process that keeps the session's output open does not hold its exit status back for longer
     * than the drain (sshd would wait for it for ever); what the leader wrote before it ended is all there.
     */
    @Test
    void aBackgroundProcessHoldingTheOutputDoesNotHoldTheExit() throws Exception {
        HostSession s = client.start(exec("sleep 30 & echo leader done"));
        s.stdin().close();
        long start = System.nanoTime();
        Output o = Output.of(s);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(o.exit).isEqualTo(new ExitInfo(0, null, false));
        assertThat(o.out).isEqualTo("leader done\n");
        assertThat(millis).as("exit after the drain, not after the background sleep").isBetween(1500L, 15_000L);
    }

    @Test
    void environmentWorkdirAndLoginShellAreSshdLike() throws Exception {
        Map<String, String> env = Map.of("SSH_CONNECTION", "127.0.0.1 1 127.0.0.1 22", "LC_X", "y");
        HostSession s = client.start(new StartRequest("echo \"$LC_X|$SSH_CONNECTION|$USER|$0\"; pwd; echo ${SSH_TTY:-none}",
                env, tmp.toString(), null, 0, 0, Map.of()));
        s.stdin().close();
        Output o = Output.of(s);
        assertThat(o.out).isEqualTo("y|127.0.0.1 1 127.0.0.1 22|" + System.getProperty("user.name") + "|"
                + Path.of(shell()).getFileName() + "\n" + tmp.toRealPath() + "\nnone\n");
    }

    @Test
    void aSignalKillsTheSessionAndIsReportedByName() throws Exception {
        HostSession s = client.start(exec("kill -TERM $$"));
        s.stdin().close();
        assertThat(Output.of(s).exit).isEqualTo(new ExitInfo(128 + 15, "TERM", false));
    }

    @Test
    void signalRequestsReachTheWholeProcessGroup() throws Exception {
        Path marker = tmp.resolve("trapped");
        HostSession s = client.start(exec("trap 'echo int > " + marker + "; exit 3' INT; sleep 60 & wait"));
        await().atMost(T).until(() -> children(s.pid()) > 0);
        s.signal("INT");
        assertThat(Output.of(s).exit.code()).isEqualTo(3);
        assertThat(Files.readString(marker)).isEqualTo("int\n");
    }

    @Test
    void ptySessionsHaveAControllingTerminalSizeAndResize() throws Exception {
        HostSession s = client.start(new StartRequest("tty; stty size; read x; stty size; ps -o tty= -p $$",
                Map.of(), null, "xterm", 100, 30, Map.of()));
        assertThat(s.piped()).as("a terminal is relayed by the host").isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = drain(s.stdout(), out);
        await().atMost(T).until(() -> text(out).contains("30 100"));
        s.resize(132, 50);
        s.stdin().write("\n".getBytes());
        assertThat(s.exit().get(30, TimeUnit.SECONDS)).isEqualTo(new ExitInfo(0, null, false));
        reader.join(5000);
        String[] lines = text(out).replace("\r", "").split("\n");
        assertThat(lines[0]).startsWith("/dev/pts/");
        assertThat(text(out)).contains("50 132");
        assertThat(lines[lines.length - 1].trim()).isEqualTo(lines[0].substring("/dev/".length()));
    }

    @Test
    void closingTheConnectionEndsEveryProcessOfTheSession() throws Exception {
        String marker = "sleep 61." + ProcessHandle.current().pid(); // unique per run
        HostSession s = client.start(exec("(" + marker + ") & (trap '' HUP; exec " + marker + ") & wait"));
        await().atMost(T).until(() -> running(marker) == 2);
        s.close();
        await().atMost(T).until(() -> running(marker) == 0);
    }

    @Test
    void aStartThatCannotRunSaysWhy() throws Exception {
        // chdir into a directory that vanished between the check and the spawn cannot be staged;
        // an unreadable shell path can: a session host whose passwd shell is gone falls back to /bin/sh
        HostSession s = client.start(exec("echo $0"));
        s.stdin().close();
        assertThat(Output.of(s).out).isEqualTo(Path.of(shell()).getFileName() + "\n");
    }

    @Test
    void hostsRefuseAClientThatSpeaksAnotherProtocol() throws Exception {
        try (var sock = org.newsclub.net.unix.AFUNIXSocket.connectTo(
                org.newsclub.net.unix.AFUNIXSocketAddress.of(host.socket.toFile()))) {
            sock.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes());
            sock.setSoTimeout(10_000);
            assertThat(sock.getInputStream().readAllBytes()).isEmpty();
        }
        assertThat(client.ping()).isEqualTo(Frames.VERSION);
    }

    /**
     * With {@code --allow-uid} the socket is group-accessible (the pod's fsGroup), so the peer-uid
     * check is what keeps other uids out: uid 4242 (allowed) gets in, uid 4243 of the same group not.
     */
    @Test
    void onlyTheAllowedUidGetsInThroughAGroupAccessibleSocket() throws Exception {
        host.close();
        Path dir = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        host = HostProcess.serve(dir, "--allow-uid", "4242");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(host.socket)))
                .isEqualTo("rw-rw----");
        int gid = (Integer) Files.getAttribute(host.socket, "unix:gid");
        assertThat(pingAs(4242, gid)).as("allowed uid").contains("devws-host protocol " + Frames.VERSION);
        assertThat(pingAs(4243, gid)).as("same group, other uid").contains("ping failed");
        assertThat(Files.readString(dir.resolve("host.err"))).contains("refused a connection from uid 4243");
    }

    /** {@code devws-host ping} as another uid and group (setpriv: the test runs as root). */
    private String pingAs(int uid, int gid) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid", Integer.toString(uid), "--regid", Integer.toString(gid),
                "--clear-groups", HostProcess.LAUNCHER.toString(), "ping", "--socket", host.socket.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out + " exit=" + p.exitValue();
    }

    static String shell() {
        try {
            for (String l : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = l.split(":");
                if (f[0].equals(System.getProperty("user.name"))) {
                    return f[6];
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return "/bin/sh";
    }

    /** The pipes ("pipe:[inode]") a process has open. */
    static List<String> openPipes(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).filter(t -> t.startsWith("pipe:[")).toList();
        }
    }

    static long children(int pid) {
        return ProcessHandle.of(pid).map(h -> h.children().count()).orElse(0L);
    }

    static long running(String marker) {
        return sessions(marker).size();
    }

    static List<ProcessHandle> sessions(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.endsWith("/" + marker)).orElse(false)).toList();
    }

    /** Whether {@code ancestor} is among the parents of {@code p}, as they are now. */
    static boolean descends(ProcessHandle p, long ancestor) {
        for (Optional<ProcessHandle> up = p.parent(); up.isPresent(); up = up.get().parent()) {
            if (up.get().pid() == ancestor) {
                return true;
            }
        }
        return false;
    }

    static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static Thread drain(InputStream in, ByteArrayOutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    record Output(String out, String err, ExitInfo exit) {
        static Output of(HostSession s) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread a = drain(s.stdout(), out);
            Thread b = drain(s.stderr(), err);
            ExitInfo exit = s.exit().get(30, TimeUnit.SECONDS);
            a.join(5000);
            b.join(5000);
            s.close();
            return new Output(text(out), text(err), exit);
        }
    }

    @SuppressWarnings("unused")
    private static List<String> unused() {
        return List.of();
    }
}
