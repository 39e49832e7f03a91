package io.devws.sidecar.it;

import static io.devws.testing.StartedProcesses.read;
import static io.devws.testing.StartedProcesses.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.devws.testing.StartedProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real processes for the OpenSSH tests: the built launcher {@code target/devws-sidecar} as daemon
 * and as ProxyCommand, OpenSSH {@code ssh}/{@code scp}/{@code sftp}, a real {@code ssh-agent}.
 * Everything it starts is stopped in {@link #close()}.
 */
final class SidecarProcesses implements AutoCloseable {
    /** The built launcher; {@code -Ddevws.test.launcher=DIR/devws-sidecar} runs another build (e.g. the old code, for a baseline). */
    static final Path LAUNCHER = Path.of(System.getProperty("devws.test.launcher", "target/devws-sidecar")).toAbsolutePath();
    /** A failed connection's log line with its stack trace (ConnectionCounter), for the tests' daemon logs. */
    private static final String CONNECTION_STACKS = "-Dorg.slf4j.simpleLogger.log.io.devws.sidecar.server.ConnectionCounter=debug";

    final Path dir;
    final Path socket;
    final Path agentDir;
    final Path workdir;
    final Path userKey;
    private final StartedProcesses processes = new StartedProcesses();
    /** Settings on top of the defaults, e.g. another executor. */
    final Map<String, String> settings = new java.util.HashMap<>();

    SidecarProcesses(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.socket = dir.resolve("run/sshd.sock");
        this.agentDir = dir.resolve("agent");
        this.workdir = dir.resolve("work");
        this.userKey = dir.resolve("id_ed25519");
        Files.createDirectories(workdir);
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "devws-test", "-f", userKey.toString()));
    }

    /** DEVWS_* environment, so the bare {@code ssh-server --stdio} of the contract finds its settings. */
    Map<String, String> sidecarEnv() {
        Map<String, String> env = new java.util.HashMap<>(defaults());
        env.putAll(settings);
        return env;
    }

    private Map<String, String> defaults() {
        return Map.of("DEVWS_SOCKET", socket.toString(), "DEVWS_HOST_KEY", dir.resolve("hostkey").toString(),
                "DEVWS_AGENT_DIR", agentDir.toString(), "DEVWS_EXECUTOR", "local",
                "DEVWS_WORKDIR", workdir.toString(), "DEVWS_KEEPALIVE", "2s",
                "DEVWS_JAVA_OPTS", (System.getenv().getOrDefault("DEVWS_JAVA_OPTS", "") + " " + CONNECTION_STACKS).strip());
    }

    Process startDaemon() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "serve")
                .redirectOutput(dir.resolve("daemon.out").toFile())
                .redirectError(dir.resolve("daemon.err").toFile());
        pb.environment().putAll(sidecarEnv());
        Process p = track(pb.start());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // agent.sock appears once the SSH server is fully up, after the daemon socket
        while (!Files.exists(agentDir.resolve("agent.sock")) && System.nanoTime() < deadline && p.isAlive()) {
            sleep(50);
        }
        assertThat(socket).as("daemon socket; stderr: %s", read(dir.resolve("daemon.err"))).exists();
        return p;
    }

    String daemonLog() {
        return read(dir.resolve("daemon.err"));
    }

    /** OpenSSH client options: the sidecar as ProxyCommand, our key, no known_hosts. */
    List<String> sshOptions() {
        return new ArrayList<>(List.of("-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-i", userKey.toString(),
                "-o", "ProxyCommand=" + LAUNCHER + " ssh-server --stdio"));
    }

    /** A command line {@code ssh OPTIONS... extra... ws remote}. */
    List<String> ssh(List<String> extra, String remote) {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        cmd.addAll(sshOptions());
        cmd.addAll(extra);
        cmd.add("ws");
        if (remote != null) {
            cmd.add(remote);
        }
        return cmd;
    }

    ProcessBuilder builder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(sidecarEnv());
        return pb;
    }

    Process start(ProcessBuilder pb) throws IOException {
        return track(pb.start());
    }

    Result run(List<String> cmd) throws IOException, InterruptedException {
        return run(builder(cmd).redirectInput(new File("/dev/null")));
    }

    Result run(ProcessBuilder pb) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = track(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + pb.command() + "\nstderr: " + read(err));
        }
        return new Result(p.exitValue(), read(out), read(err));
    }

    Process track(Process p) {
        return processes.track(p);
    }

    @Override
    public void close() {
        processes.close();
    }

    record Result(int code, String out, String err) {
    }
}
