package io.devws.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Journey steps about sessions on the real cluster (issue 18): connection sharing, signals, -R/-D and the
 * built-in client. Every check asserts what it observes, and waits on an observed state, never a sleep.
 */
final class SessionSteps {
    static final Duration T = Duration.ofSeconds(60);
    /**
     * The operator reads the host-key Secret by name every 2 minutes (it never lists or watches Secrets:
     * docs/security.md), so an edited Secret reaches the status within that period and a reconcile.
     */
    static final Duration SECRET_POLL = Duration.ofMinutes(3);
    private static final Pattern ALLOCATED = Pattern.compile("Allocated port (\\d+) for remote forward");

    private final Cluster cluster;
    private final UserSide user;
    private final String ns;
    private final String ws;
    private final Supplier<String> pod;
    private final Path tmp;

    SessionSteps(Cluster cluster, UserSide user, String ns, String ws, Supplier<String> pod, Path tmp) {
        this.cluster = cluster;
        this.user = user;
        this.ns = ns;
        this.ws = ws;
        this.pod = pod;
        this.tmp = tmp;
    }

    private String host() {
        return ws + ".devws";
    }

    /**
     * config-ssh --multiplex, as written (in a HOME short enough for the ControlPath: sun_path holds 107 bytes):
     * the first ssh becomes the master, `ssh -O check` finds it, and a command runs over it with no way to open a
     * connection of its own (ProxyCommand=false); once the master exits the same command fails, so the check
     * cannot pass by a new connection.
     */
    void multiplexing(E2eSettings settings) throws Exception {
        Path home = Files.createTempDirectory(Path.of("/tmp"), "dwm");
        UserSide mux = new UserSide(home, settings.kubeconfig(), ns, settings.devws());
        try {
            mux.devws("config-ssh", "--multiplex", "--ssh-config", mux.sshConfig().toString()).run().ok();
            assertThat(mux.ssh(host(), "echo first").run().ok().out()).isEqualTo("first\n");
            Proc.Result check = mux.ssh("-O", "check", host()).run();
            assertThat(check.exit()).as(check.describe()).isZero();
            assertThat(check.err()).as(check.describe()).contains("Master running");
            List<String> sharedOnly = List.of("-o", "ControlMaster=no", "-o", "ProxyCommand=false", host());
            Proc.Result shared = mux.ssh(concat(sharedOnly, "echo shared; exit 5")).run();
            assertThat(shared.exit()).as(shared.describe()).isEqualTo(5);
            assertThat(shared.out()).as(shared.describe()).isEqualTo("shared\n");
            mux.ssh("-O", "exit", host()).run().ok();
            Proc.Result alone = mux.ssh(concat(sharedOnly, "true")).run();
            assertThat(alone.exit()).as("without the master: " + alone.describe()).isEqualTo(255);
        } finally {
            mux.ssh("-O", "exit", host()).run();
            mux.close();
            // the stopping tunnel agent may still write its lock file: remove until nothing is left
            Waits.until("the multiplexing HOME is removed", T, () -> {
                try (var files = Files.walk(home)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                return !Files.exists(home);
            });
        }
    }

    /**
     * `ssh ws 'kill -TERM $$'` ends as with OpenSSH's sshd (HostExecutorIT compares the two locally): exit-signal
     * and no exit-status, so ssh exits 255; -v shows the exit-signal arrived (a broken tunnel also exits 255, but
     * never with one). Ctrl-C typed under -tt reaches the remote command's trap, after it said it is ready.
     */
    void signals() throws Exception {
        Proc.Result term = user.ssh("-v", host(), "kill -TERM $$").run();
        assertThat(term.exit()).as(term.describe()).isEqualTo(255);
        assertThat(term.err()).as(term.describe()).contains("rtype exit-signal").doesNotContain("rtype exit-status");

        Path out = tmp.resolve("ctrl-c.out");
        ProcessBuilder pb = user.ssh("-tt", host(), "trap 'echo got-INT; exit 7' INT; echo ready; while :; do sleep 1; done")
                .builder().redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("ctrl-c.err").toFile());
        Process ssh = pb.start();
        try {
            Waits.until("the remote command under -tt is ready", T, () -> Files.readString(out).contains("ready"));
            OutputStream stdin = ssh.getOutputStream();
            stdin.write(3); // ^C: the remote pty's line discipline makes it SIGINT for the foreground group
            stdin.flush();
            assertThat(ssh.waitFor(T.toSeconds(), TimeUnit.SECONDS)).as("ssh ended after ^C").isTrue();
            assertThat(Files.readString(out)).contains("got-INT");
            assertThat(ssh.exitValue()).as(Files.readString(out)).isEqualTo(7);
        } finally {
            JourneyE2E.destroyTree(ssh);
        }
    }

    /**
     * -R (a port the OS picks in the pod, reported by ssh) and -D on one connection: the dev container's curl
     * reaches this laptop's HTTP server through -R, and this laptop's curl, through the SOCKS proxy, reaches that
     * same port on the dev container's loopback (so the round trip laptop -> pod -> laptop crosses both).
     */
    void remoteAndDynamicForwards() throws Exception {
        HttpServer http = laptopHttp("R and D");
        int socks = JourneyE2E.freePort();
        Path err = tmp.resolve("rd-fwd.err");
        Process fwd = user.ssh("-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:0:127.0.0.1:" + http.getAddress().getPort(),
                "-D", "127.0.0.1:" + socks, host()).start(tmp.resolve("rd-fwd.out"), err);
        try {
            int remote = Waits.until("ssh reports the port allocated for -R", T, () -> allocated(err), p -> p > 0);
            Proc.Result dev = user.ssh(host(), "curl -sS --max-time 20 http://127.0.0.1:" + remote + "/").run();
            assertThat(dev.out()).as(dev.describe()).isEqualTo("R and D");
            // the pod's containers share one network namespace (the sidecar holds the listener, docs/design-decisions.md
            // section 3); what matters is that it is bound to loopback only, as OpenSSH's GatewayPorts no does
            Proc.Result ss = cluster.execIn(ns, pod.get(), SidecarContract.DEV_CONTAINER, "ss -Hltn 'sport = :" + remote + "'");
            assertThat(ss.out().lines().toList()).as(ss.describe()).isNotEmpty()
                    .allSatisfy(l -> assertThat(l).containsPattern("127\\.0\\.0\\.1\\]?:" + remote + " "));
            Proc.Result socksed = Proc.of("curl", "-sS", "--max-time", "20", "--socks5-hostname", "127.0.0.1:" + socks,
                    "http://127.0.0.1:" + remote + "/").run();
            assertThat(socksed.out()).as(socksed.describe()).isEqualTo("R and D");
        } finally {
            JourneyE2E.destroyTree(fwd);
            http.stop(0);
        }
    }

    /**
     * devws ssh NAME (the built-in client, no --local) on the cluster: an exit code and output, a PTY, -A,
     * -L to the dev container's git sshd (GitServer, started again here), -R back to this laptop.
     */
    void builtInClient(String fingerprint) throws Exception {
        Proc.Result code = user.devws("ssh", ws, "--", "echo built-in; echo err >&2; exit 7").run();
        assertThat(code.exit()).as(code.describe()).isEqualTo(7);
        assertThat(code.out()).as(code.describe()).isEqualTo("built-in\n");
        assertThat(code.err()).as(code.describe()).contains("err");

        Proc.Result pty = user.devws("ssh", "-t", ws, "--", "tty; test -t 0 && echo stdin-is-a-tty").run();
        assertThat(pty.exit()).as(pty.describe()).isZero();
        assertThat(pty.out()).as(pty.describe()).containsPattern("/dev/pts/\\d+").contains("stdin-is-a-tty");
        Proc.Result noPty = user.devws("ssh", ws, "--", "tty").run();
        assertThat(noPty.out()).as(noPty.describe()).contains("not a tty");

        assertThat(user.devws("ssh", "-A", ws, "--", "ssh-add -l").run().ok().out()).contains(fingerprint);
        Proc.Result noAgent = user.devws("ssh", "-a", ws, "--", "ssh-add -l").run();
        assertThat(noAgent.out()).as(noAgent.describe()).doesNotContain(fingerprint);

        cluster.execIn(ns, pod.get(), SidecarContract.DEV_CONTAINER, GitServer.setupScript(user.publicKey())).ok();
        int local = JourneyE2E.freePort();
        Process l = user.devws("ssh", "-L", local + ":127.0.0.1:" + GitServer.PORT, ws, "--", "sleep 120")
                .start(tmp.resolve("builtin-L.out"), tmp.resolve("builtin-L.err"));
        try {
            String banner = Waits.until("the built-in client's -L answers", T, () -> JourneyE2E.readLine(local),
                    line -> line.startsWith("SSH-2.0-"));
            assertThat(banner).contains("OpenSSH");
        } finally {
            JourneyE2E.destroyTree(l);
        }

        HttpServer http = laptopHttp("built-in R");
        try {
            int remote = 20000 + new java.util.Random().nextInt(20000); // the pod's own loopback: nothing else there
            // the command itself waits until the forward is up (it is requested beside the command's channel)
            Proc.Result r = user.devws("ssh", "-R", "127.0.0.1:" + remote + ":127.0.0.1:" + http.getAddress().getPort(), ws, "--",
                    "for i in $(seq 40); do curl -sf http://127.0.0.1:" + remote + "/ && exit 0; sleep 0.5; done; exit 1").run();
            assertThat(r.exit()).as(r.describe()).isZero();
            assertThat(r.out()).as(r.describe()).isEqualTo("built-in R");
        } finally {
            http.stop(0);
        }
    }

    /**
     * The key in the workspace's status is the only one trusted: with the Secret's public half replaced (the
     * operator publishes it in the status; the running sidecar still serves the real key) the built-in client
     * and OpenSSH through the pinning ProxyCommand both refuse; with it restored both connect again.
     */
    void aKeyThatDiffersFromTheStatusIsRefused() throws Exception {
        String secret = WorkspaceNames.of(ws).hostKeySecret();
        String real = cluster.workspace(ns, ws).getStatus().getSsh().getHostPublicKey();
        Path other = tmp.resolve("status_other_key");
        Files.deleteIfExists(other);
        Files.deleteIfExists(Path.of(other + ".pub"));
        Proc.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).run().ok();
        String fake = Files.readString(Path.of(other + ".pub")).strip();
        try {
            setPublicKey(secret, fake);
            Waits.until("the status publishes the replaced key", SECRET_POLL,
                    () -> cluster.workspace(ns, ws).getStatus().getSsh().getHostPublicKey(), k -> fake.startsWith(k));
            Proc.Result builtin = user.devws("ssh", ws, "--", "echo should-not-run").run();
            assertThat(builtin.exit()).as(builtin.describe()).isEqualTo(255);
            assertThat(builtin.out()).doesNotContain("should-not-run");
            assertThat(builtin.err()).as(builtin.describe()).contains("host key mismatch");
            Proc.Result openssh = user.ssh(host(), "echo should-not-run").run();
            assertThat(openssh.exit()).as(openssh.describe()).isEqualTo(255);
            assertThat(openssh.out()).doesNotContain("should-not-run");
            assertThat(openssh.err()).as(openssh.describe())
                    .containsAnyOf("REMOTE HOST IDENTIFICATION HAS CHANGED", "Host key verification failed");
        } finally {
            setPublicKey(secret, real);
            Waits.until("the status publishes the real key again", SECRET_POLL,
                    () -> cluster.workspace(ns, ws).getStatus().getSsh().getHostPublicKey(), k -> real.startsWith(k));
        }
        assertThat(user.devws("ssh", ws, "--", "echo back").run().ok().out()).isEqualTo("back\n");
        assertThat(user.ssh(host(), "echo back").run().ok().out()).isEqualTo("back\n");
    }

    private void setPublicKey(String secret, String key) throws Exception {
        String patch = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                java.util.Map.of("stringData", java.util.Map.of(SidecarContract.HOST_KEY_SECRET_PUBLIC, key + "\n")));
        cluster.kubectl("patch", "secret", secret, "-n", ns, "--type=merge", "-p", patch).ok();
    }

    private static int allocated(Path err) throws IOException {
        Matcher m = ALLOCATED.matcher(Files.readString(err));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static HttpServer laptopHttp(String body) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        return http;
    }

    private static String[] concat(List<String> first, String last) {
        List<String> all = new java.util.ArrayList<>(first);
        all.add(last);
        return all.toArray(String[]::new);
    }
}
