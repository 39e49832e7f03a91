package io.devws.cli.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user of plain OpenSSH sees when the API server refuses the tunnel: the exec test server
 * answering 404 (the pod went away between the look-up and the exec), 401 (credentials no longer valid,
 * for the exec only or for every request) and 403 (no RBAC for pods/exec). Each through real {@code ssh}
 * with the launcher as ProxyCommand, both in-process ({@code DEVWS_AGENT=off}) and through the tunnel
 * agent: ssh exits 255, promptly, and devws says one line naming the cause and the fix (README, "Exit
 * codes"). After the refusals, the same agent serves again.
 */
@Timeout(300)
class TunnelErrorsIT {
    /** A refusal ends long before a hang would; generous for a loaded 2-core machine (a good ssh takes 1-10 s here). */
    static final Duration PROMPT = Duration.ofSeconds(20);
    private static final Pattern SERVED = Pattern.compile("(\\d+) served");

    @TempDir
    Path dir;
    FullPath path;

    enum Via {
        IN_PROCESS(Map.of("DEVWS_AGENT", "off")),
        AGENT(Map.of());

        final Map<String, String> env;

        Via(Map<String, String> env) {
            this.env = env;
        }
    }

    /** How the server refuses, and the line devws must print for it. */
    record Refusal(String name, Consumer<FullPath> apply, String line) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void start() throws Exception {
        path = new FullPath(dir, FullPath.SHORT_KEEPALIVE);
        path.startDaemon();
    }

    @AfterEach
    void stop() {
        path.close();
    }

    List<Refusal> refusals() {
        String server = path.server.url();
        return List.of(
                new Refusal("404 pod gone", p -> p.server.refuseExec(404),
                        "devws: pod ws in namespace team is gone: retry (the operator recreates it), or see `devws status`"),
                new Refusal("401 on the exec", p -> p.server.refuseExec(401),
                        "devws: the API server rejected your credentials: refresh them (kubectl get pods -n team should work)"),
                new Refusal("401 on every request", p -> p.server.acceptOnlyToken("a-token-the-kubeconfig-does-not-have"),
                        "devws: the API server " + server + "/ rejected your credentials (401 Unauthorized): log in again or"
                                + " refresh the token of your kubeconfig user (kubectl get --raw /version should work)"),
                new Refusal("403 no pods/exec", p -> p.server.refuseExec(403),
                        "devws: not allowed to exec into pod ws in namespace team: your user needs RBAC verbs 'create' and"
                                + " 'get' on resource 'pods/exec' there (check: kubectl auth can-i create pods/exec -n team)"));
    }

    @TestFactory
    List<DynamicTest> eachRefusalIsExit255WithItsOneLineInProcessAndThroughTheAgent() throws Exception {
        // the first connection starts the agent; later ones without DEVWS_AGENT=off go through it
        FullPath.Result first = path.run(path.ssh(List.of(), "echo ok"), null);
        assertThat(first.code()).as(first.err() + path.daemonLog()).isZero();
        long agent = path.awaitAgent();
        List<DynamicTest> tests = new ArrayList<>();
        for (Refusal refusal : refusals()) {
            for (Via via : Via.values()) {
                tests.add(dynamicTest(refusal + " " + via, () -> refused(refusal, via, agent)));
            }
        }
        tests.add(dynamicTest("the agent serves again once the server admits", () -> {
            FullPath.Result r = path.run(path.ssh(List.of(), "echo served"), null);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("served\n");
            assertThat(path.awaitAgent()).isEqualTo(agent);
        }));
        return tests;
    }

    private void refused(Refusal refusal, Via via, long agent) throws Exception {
        int servedBefore = via == Via.AGENT ? served() : 0;
        int execsBefore = path.server.requests().size();
        refusal.apply().accept(path);
        FullPath.Result r;
        Duration afterTheLine = Duration.ZERO;
        try {
            r = path.run(path.ssh(List.of(), "echo should-not-run"), via.env);
            afterTheLine = livesOnAfterItsLine(via);
        } finally {
            path.server.refuseExec(0);
            path.server.acceptOnlyToken(null);
        }
        assertThat(r.code()).as(r.err()).isEqualTo(255);
        assertThat(r.out()).isEmpty();
        List<String> devwsLines = r.err().lines().filter(l -> l.startsWith("devws")).toList();
        assertThat(devwsLines).as(r.err()).containsExactly(refusal.line());
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.took()).as("ssh ends promptly").isLessThan(PROMPT);
        assertThat(path.server.requests()).as("no exec ran").hasSize(execsBefore);
        // ssh sees the end of a failed tunnel only when the ProxyCommand exits: it must not linger
        assertThat(afterTheLine).as("ProxyCommand alive after its error line").isLessThan(Duration.ofSeconds(1));
        if (via == Via.AGENT) {
            // it was the agent that answered (both connections), and it lives on for the next one
            assertThat(served()).isEqualTo(servedBefore + 2);
            assertThat(path.awaitAgent()).isEqualTo(agent);
        }
        System.out.printf("[errors] %s %s: ssh exit %d in %d ms; ProxyCommand exit %d ms after its line%n", refusal, via,
                r.code(), r.took().toMillis(), afterTheLine.toMillis());
    }

    /**
     * The launcher as ssh runs it, its stdin left open: the time from its {@code devws:} line on stderr to its
     * exit, exactly what a failed connection costs on top of the failure itself.
     */
    private Duration livesOnAfterItsLine(Via via) throws Exception {
        Path err = Files.createTempFile(dir, "direct", ".err");
        ProcessBuilder pb = new ProcessBuilder(FullPath.CLI.toString(), "ssh", "--stdio", "ws.devws", "--kubeconfig",
                path.kubeconfig.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        pb.environment().putAll(via.env);
        Process p = path.start(pb);
        try {
            long lineAt = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> FullPath.read(err).contains("devws: ") ? System.nanoTime() : 0L, t -> t != 0L);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits with its stdin still open").isTrue();
            assertThat(p.exitValue()).as(FullPath.read(err)).isEqualTo(255);
            return Duration.ofNanos(System.nanoTime() - lineAt);
        } finally {
            p.getOutputStream().close();
        }
    }

    private int served() throws Exception {
        FullPath.Result r = path.run(List.of(FullPath.CLI.toString(), "agent", "status"), null);
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = SERVED.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
