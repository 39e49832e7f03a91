package io.devws.cli.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SshStatus;
import io.devws.model.WorkspaceNames;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `devws config-ssh` once and then plain `ssh NAME.NAMESPACE.devws` do when the workspace changes
 * under it, with real OpenSSH reading the config config-ssh wrote (see {@link FullPath}): the host key
 * follows the workspace's status (in-process and through the tunnel agent), a server whose key is not the
 * status key is refused, and a stopped workspace starts on connect unless that is turned off.
 */
@Timeout(240)
class ConnectFollowsWorkspaceIT {
    static final String HOST = "ws." + FullPath.NS + ".devws";
    @TempDir
    Path dir;
    FullPath path;
    Path knownHosts;

    @BeforeEach
    void configSshOnce() throws Exception {
        path = new FullPath(dir, FullPath.SHORT_KEEPALIVE);
        path.startDaemon();
        publishStatusKey(path.hostPublicKey());
        FullPath.Result config = path.run(List.of(FullPath.CLI.toString(), "config-ssh", "--kubeconfig", path.kubeconfig.toString()), null);
        assertThat(config.code()).as(config.err()).isZero();
        knownHosts = path.home.resolve(".ssh/devws/known_hosts");
        assertThat(Files.readString(knownHosts)).contains(HOST + "," + "ws.devws " + path.hostPublicKey());
    }

    @AfterEach
    void stop() {
        path.close();
    }

    @Test
    void aRecreatedWorkspacesNewKeyIsPinnedFromItsStatusInProcessAndThroughTheAgent() throws Exception {
        assertThat(ssh("echo first")).isEqualTo("first\n");
        String recreated = path.newHostKey();
        publishStatusKey(recreated);
        // the first connection ran in-process and started the agent: this one goes through the agent
        path.awaitAgent();
        assertThat(ssh("echo via-agent")).isEqualTo("via-agent\n");
        assertThat(agentStatus()).contains("1 served");
        assertThat(Files.readString(knownHosts)).contains(HOST + " " + recreated).doesNotContain(HOST + ",ws.devws")
                .as("the short name keeps its entry until it is used").contains("\nws.devws ");
        String again = path.newHostKey();
        publishStatusKey(again);
        FullPath.Result inProcess = path.run(sshCommand("echo in-process"), Map.of("DEVWS_AGENT", "off"));
        assertThat(inProcess.code()).as(inProcess.err()).isZero();
        assertThat(inProcess.out()).isEqualTo("in-process\n");
        assertThat(Files.readString(knownHosts)).contains(HOST + " " + again).doesNotContain(recreated);
        assertThat(Files.getPosixFilePermissions(knownHosts)).hasSize(2); // rw------- kept
    }

    @Test
    void aServerWhoseKeyIsNotTheStatusKeyIsRefused() throws Exception {
        String statusKey = path.hostPublicKey();
        assertThat(ssh("echo ok")).isEqualTo("ok\n");
        path.awaitAgent();
        String impostor = path.newHostKey();
        // through the agent, then in-process
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("DEVWS_AGENT", "off"))) {
            FullPath.Result r = path.run(sshCommand("echo must-not-run"), env);
            assertThat(r.code()).as(r.err()).isEqualTo(255);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).containsAnyOf("REMOTE HOST IDENTIFICATION HAS CHANGED", "Host key verification failed");
        }
        assertThat(Files.readString(knownHosts)).contains(HOST + ",ws.devws " + statusKey).doesNotContain(impostor);
    }

    @Test
    void aLocallyAlteredEntryIsPinnedBackToTheStatusKey() throws Exception {
        String other = Files.readString(path.userKey.resolveSibling("id_ed25519.pub")).trim().replace(" user", "");
        Files.writeString(knownHosts, Files.readString(knownHosts).replace(path.hostPublicKey(), other));
        assertThat(ssh("echo pinned-again")).isEqualTo("pinned-again\n");
        assertThat(Files.readString(knownHosts)).contains(HOST + " " + path.hostPublicKey()).doesNotContain(HOST + "," );
    }

    @Test
    void aStoppedWorkspaceStartsOnConnectUnlessTurnedOff() throws Exception {
        stopWorkspace();
        FullPath.Result off = path.run(sshCommand("echo must-not-run"), Map.of("DEVWS_START_ON_CONNECT", "false"));
        assertThat(off.code()).isEqualTo(255);
        assertThat(off.err()).startsWith("devws: workspace ws in namespace team is stopped: run `devws start ws`"
                + " (DEVWS_START_ON_CONNECT=false keeps it stopped on connect)\n");
        assertThat(workspace().get().getSpec().started()).isFalse();

        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> actLikeTheOperator(this::podReadSince));
        FullPath.Result on = path.run(sshCommand("echo started-and-ran"), null);
        operator.join();
        assertThat(on.code()).as(on.err() + path.daemonLog()).isZero();
        assertThat(on.out()).isEqualTo("started-and-ran\n");
        // ssh's stderr is a file here, not a terminal: one line, not every stage
        assertThat(on.err()).isEqualTo("devws: starting workspace ws (waiting up to 60s)\n");
    }

    /** ssh's stderr a terminal, through the agent (the thin client tells it): every stage waited for is shown. */
    @Test
    void onATerminalEachStageIsShown() throws Exception {
        assertThat(ssh("echo ok")).isEqualTo("ok\n");
        path.awaitAgent();
        stopWorkspace();
        StringBuffer shown = new StringBuffer();
        String startingStage = "devws: waiting for workspace ws: scheduling the pod " + WorkspaceNames.of("ws").pod();
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> actLikeTheOperator(since -> shown.indexOf(startingStage) >= 0));
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("XDG_RUNTIME_DIR", path.runtimeDir().toString());
        env.put("HOME", path.home.toString());
        com.pty4j.PtyProcess ssh = new com.pty4j.PtyProcessBuilder(sshCommand("echo started-on-a-terminal").toArray(String[]::new))
                .setDirectory(dir.toString()).setEnvironment(env).setConsole(false).start();
        path.track(ssh);
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try (var in = ssh.getInputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    all.write(buf, 0, n);
                    shown.setLength(0);
                    shown.append(all.toString(java.nio.charset.StandardCharsets.UTF_8)); // whole, so no character is split
                }
            } catch (java.io.IOException e) {
                // the pty ends with EIO once ssh has exited
            }
            return all.toString(java.nio.charset.StandardCharsets.UTF_8);
        });
        assertThat(ssh.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        operator.join();
        String text = seen.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ssh.exitValue()).as(text).isZero();
        assertThat(text).contains("devws: starting workspace ws\r\n", startingStage + "\r\n", "started-on-a-terminal")
                .doesNotContain("waiting up to");
        assertThat(agentStatus()).contains("1 served");
    }

    private String agentStatus() throws Exception {
        FullPath.Result r = path.run(List.of(FullPath.CLI.toString(), "agent", "status"), null);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    private String ssh(String remote) throws Exception {
        FullPath.Result r = path.run(sshCommand(remote), null);
        assertThat(r.code()).as(r.err() + path.daemonLog()).isZero();
        return r.out();
    }

    /** Plain ssh with the user's config (the Include config-ssh added); the ProxyCommand finds the cluster via $KUBECONFIG. */
    private List<String> sshCommand(String remote) {
        List<String> cmd = new ArrayList<>(List.of("env", "KUBECONFIG=" + path.kubeconfig, "ssh", "-F",
                path.home.resolve(".ssh/config").toString(), "-o", "BatchMode=yes", HOST, remote));
        return cmd;
    }

    private Resource<DevWorkspace> workspace() {
        return path.client.resources(DevWorkspace.class).inNamespace(FullPath.NS).withName("ws");
    }

    private void publishStatusKey(String key) {
        DevWorkspace ws = workspace().get();
        SshStatus ssh = new SshStatus();
        ssh.setHostPublicKey(key);
        ws.getStatus().setSsh(ssh);
        workspace().updateStatus(ws);
    }

    private void stopWorkspace() {
        path.client.pods().inNamespace(FullPath.NS).withName(WorkspaceNames.of("ws").pod()).delete();
        workspace().edit(ws -> {
            ws.getSpec().setStarted(false);
            return ws;
        });
        DevWorkspace ws = workspace().get();
        ws.getStatus().setPhase(Phase.Stopped);
        ws.getStatus().setPodName(null);
        workspace().updateStatus(ws);
    }

    /**
     * Once spec.started is true: the pod, not Ready, and the status naming it, as the operator does; then, once the
     * client has seen that (per {@code seenStarting}, given the API calls made before), the pod Ready as the kubelet
     * makes it, and the status Running. So the client's wait for a starting pod is exercised every time.
     */
    private void actLikeTheOperator(java.util.function.IntPredicate seenStarting) {
        await("ssh sets spec.started").atMost(Duration.ofSeconds(60)).until(() -> workspace().get().getSpec().started());
        path.client.pods().inNamespace(FullPath.NS).resource(TestWorkspaces.pod(FullPath.NS, "ws", false)).create();
        DevWorkspace ws = workspace().get();
        DevWorkspaceStatus status = ws.getStatus();
        status.setPhase(Phase.Starting);
        status.setPodName(WorkspaceNames.of("ws").pod());
        workspace().updateStatus(ws);
        int before = path.server.apiCalls().size();
        await("the client has seen the starting pod").atMost(Duration.ofSeconds(60)).until(() -> seenStarting.test(before));
        path.client.pods().inNamespace(FullPath.NS).resource(TestWorkspaces.pod(FullPath.NS, "ws", true)).update();
        ws = workspace().get();
        ws.getStatus().setPhase(Phase.Running);
        workspace().updateStatus(ws);
    }

    /**
     * Whether a pod was read after the first {@code before} API calls: the pod is not Ready since then, and nothing but
     * the client waiting for it reads pods here (execs are not API calls), so that client has seen a starting pod.
     */
    private boolean podReadSince(int before) {
        List<String> calls = path.server.apiCalls();
        return calls.subList(before, calls.size()).stream()
                .anyMatch(c -> c.startsWith("GET /api/v1/namespaces/" + FullPath.NS + "/pods"));
    }
}
