package io.devws.cli.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.SidecarContract;
import io.devws.testing.ExecTestServer;
import io.devws.testing.ProcessEnvirons;
import io.devws.testing.StartedProcesses;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole data path without a cluster, all real processes: OpenSSH {@code ssh} → ProxyCommand
 * {@code cli/target/devws ssh --stdio} → Fabric8 exec → exec test server → {@code devws-sidecar
 * ssh-server --stdio} (in the "devws-sshd container") → daemon {@code devws-sidecar serve
 * --executor kube} → exec → session process (in the "dev container"). Both containers are this
 * machine with different environments; the exec test server records which container ran what.
 */
final class FullPath implements AutoCloseable {
    static final Path CLI = Path.of("target", "devws").toAbsolutePath();
    static final Path SIDECAR = Path.of("..", "sidecar", "target", "devws-sidecar").toAbsolutePath().normalize();
    static final String NS = "team";
    /** Short, so tests of orphaned stdio servers finish quickly. */
    static final String SHORT_KEEPALIVE = "2s";

    final Path dir;
    final ExecTestServer server;
    final KubernetesClient client;
    final Path kubeconfig;
    final Path userKey;
    final Path knownHosts;
    final Path work;
    /** The test user's HOME: config-ssh writes there, and the ProxyCommand pins keys there. */
    final Path home;
    private final StartedProcesses processes = new StartedProcesses();
    private final String keepalive;
    private Process daemon;

    FullPath(Path dir, String keepalive) throws Exception {
        this.dir = dir;
        this.keepalive = keepalive;
        assertThat(SIDECAR).as("build the sidecar first (mvn package -pl sidecar)").exists();
        server = ExecTestServer.start();
        client = server.client();
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), NS);
        work = Files.createDirectories(dir.resolve("workspace"));
        home = Files.createDirectories(dir.resolve("home"));
        userKey = dir.resolve("id_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "user", "-f", userKey.toString()), null);
        Path hostKey = dir.resolve("hostkey");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", hostKey.toString()), null);
        knownHosts = Files.writeString(dir.resolve("known_hosts"),
                "ws.devws " + Files.readString(dir.resolve("hostkey.pub")).trim() + "\n");
        server.environment(SidecarContract.SIDECAR_CONTAINER, sidecarEnv());
        server.environment(SidecarContract.DEV_CONTAINER, Map.of("DEV_MARKER", "in-the-dev-container"));
        TestWorkspaces.running(client, NS, "ws");
    }

    /** What the operator puts into the sidecar container (plus KUBECONFIG standing in for the in-cluster token). */
    Map<String, String> sidecarEnv() {
        Map<String, String> env = new HashMap<>();
        env.put(SidecarContract.ENV_SOCKET, dir.resolve("run/sshd.sock").toString());
        env.put(SidecarContract.ENV_HOST_KEY, dir.resolve("hostkey").toString());
        env.put(SidecarContract.ENV_AGENT_DIR, dir.resolve("agent").toString());
        env.put(SidecarContract.ENV_EXECUTOR, "kube");
        env.put(SidecarContract.ENV_WORKDIR, work.toString());
        env.put(SidecarContract.ENV_KEEPALIVE, keepalive);
        env.put(SidecarContract.ENV_POD_NAME, "ws");
        env.put(SidecarContract.ENV_POD_NAMESPACE, NS);
        env.put(SidecarContract.ENV_DEV_CONTAINER, SidecarContract.DEV_CONTAINER);
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("PATH", SIDECAR.getParent() + ":" + System.getenv("PATH"));
        return env;
    }

    /** The sidecar container's main process. */
    void startDaemon() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(SIDECAR.toString(), "serve")
                .redirectOutput(dir.resolve("daemon.out").toFile())
                .redirectError(dir.resolve("daemon.err").toFile());
        pb.environment().putAll(sidecarEnv());
        daemon = track(pb.start());
        Path socket = dir.resolve("run/sshd.sock");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket) && System.nanoTime() < deadline && daemon.isAlive()) {
            sleep(50);
        }
        assertThat(socket).as("daemon socket; stderr: %s", read(dir.resolve("daemon.err"))).exists();
    }

    /** The sidecar as a recreated workspace's: the daemon restarted with a new host key; returns its public key. */
    String newHostKey() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(20, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(dir.resolve("run/sshd.sock"));
        Files.delete(dir.resolve("hostkey"));
        Files.delete(dir.resolve("hostkey.pub"));
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", dir.resolve("hostkey").toString()), null);
        startDaemon();
        return hostPublicKey();
    }

    /** The public key the sidecar presents, as the status publishes it (type and key, no comment). */
    String hostPublicKey() throws IOException {
        String[] words = Files.readString(dir.resolve("hostkey.pub")).trim().split("\\s+");
        return words[0] + " " + words[1];
    }

    /**
     * The test user's tunnel agent once it answers (the first connection starts it): its pid. A
     * killed agent's pid file stays behind, so this waits for a live one.
     */
    long awaitAgent() throws IOException {
        Path agentDir = runtimeDir().resolve("devws");
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> liveAgentPid(agentDir.resolve("agent.pid"), agentDir.resolve("agent.sock")), pid -> pid > 0);
    }

    /** The pid the pid file names when that process lives and the socket answers, else -1 (also while the file is rewritten). */
    private static long liveAgentPid(Path pidFile, Path socket) {
        try {
            String text = Files.readString(pidFile).trim();
            if (text.isEmpty() || !answers(socket)) {
                return -1;
            }
            long pid = Long.parseLong(text);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? pid : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    static boolean answers(Path socket) {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String daemonLog() {
        return read(dir.resolve("daemon.err"));
    }

    List<String> sshOptions() {
        return new ArrayList<>(List.of("-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-i", userKey.toString(), "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                "-o", "LogLevel=ERROR", "-o", "ProxyCommand=" + CLI + " ssh --stdio %h --kubeconfig " + kubeconfig));
    }

    List<String> ssh(List<String> extra, String remote) {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(sshOptions());
        cmd.addAll(extra);
        cmd.add("ws.devws");
        if (remote != null) {
            cmd.add(remote);
        }
        return cmd;
    }

    Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        return run(new ProcessBuilder(cmd).redirectInput(new File("/dev/null")), env);
    }

    Result run(ProcessBuilder pb, Map<String, String> env) throws IOException, InterruptedException {
        // each test its own tunnel agent (the second connection on goes through it), stopped in close()
        pb.environment().put("XDG_RUNTIME_DIR", runtimeDir().toString());
        pb.environment().put("HOME", home.toString());
        if (env != null) {
            pb.environment().putAll(env);
        }
        pb.directory(dir.toFile());
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        long t0 = System.nanoTime();
        Process p = track(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("timed out: " + pb.command() + "\nstderr: " + read(err) + "\ndaemon: " + daemonLog());
        }
        return new Result(p.exitValue(), read(out), read(err), Duration.ofNanos(System.nanoTime() - t0));
    }

    Process start(ProcessBuilder pb) throws IOException {
        pb.environment().putIfAbsent("XDG_RUNTIME_DIR", runtimeDir().toString());
        pb.environment().put("HOME", home.toString());
        return track(pb.directory(dir.toFile()).start());
    }

    Process track(Process p) {
        return processes.track(p);
    }

    static String read(Path p) {
        return StartedProcesses.read(p);
    }

    static void sleep(long millis) {
        StartedProcesses.sleep(millis);
    }

    /** The test user's runtime directory: its tunnel agent lives in devws/ under it. */
    Path runtimeDir() {
        return dir.resolve("xdg");
    }

    /**
     * Ends every process whose environment names a path under {@code dir}: the tunnel agents the tests' connections
     * started (detached, no child of ours) and ProxyCommand JVMs still in their exit hook, which may start one more
     * agent after ssh has returned. Until they are gone they write into {@code dir} while JUnit deletes it.
     */
    static void killProcessesUsing(Path dir) {
        for (int quiet = 0; quiet < 2; ) {
            List<ProcessHandle> found = ProcessEnvirons.containing("=" + dir + "/");
            found.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : found) {
                h.onExit().completeOnTimeout(h, 10, TimeUnit.SECONDS).join();
            }
            quiet = found.isEmpty() ? quiet + 1 : 0;
            sleep(200);
        }
    }

    @Override
    public void close() {
        processes.close();
        killProcessesUsing(dir);
        client.close();
        server.close();
    }

    record Result(int code, String out, String err, Duration took) {
    }
}
