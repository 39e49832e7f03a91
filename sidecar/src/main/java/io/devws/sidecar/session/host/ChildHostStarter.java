package io.devws.sidecar.session.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the session host through a short-lived child JVM ({@code devws-sidecar start-host}, which runs
 * {@link ExecHostStarter}): the daemon never loads the Kubernetes client, ~40 MiB of its memory in a pod, for the
 * one exec per dev-container start (docs/benchmarks-sidecar.md). The child's last stderr line is the verdict.
 */
public final class ChildHostStarter implements HostStarter {
    /** The exec's own limit, plus the child JVM's start. */
    static final Duration TIMEOUT = ExecHostStarter.TIMEOUT.plusSeconds(30);
    /** A child that starts, makes one exec and exits: small, and compiled by C1 only. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xss512k", "-Xmx64m", "-Xlog:disable", "-Xlog:all=error:stderr");
    private static final int STDERR_LIMIT = 4096;

    private final List<String> command;
    private final Map<String, String> environment;

    ChildHostStarter(List<String> command, Map<String, String> environment) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
    }

    /** This JVM's java and class path, running {@code start-host} for {@code host}; the daemon's environment. */
    public static ChildHostStarter forThisJvm(HostStartCommand host) {
        return forThisJvm(host, Map.of());
    }

    static ChildHostStarter forThisJvm(HostStartCommand host, Map<String, String> environment) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.devws.sidecar.Main", "start-host",
                "--launcher", host.launcher(), "--socket", host.socket().toString(), "--allow-uid", Long.toString(host.allowUid())));
        return new ChildHostStarter(cmd, environment);
    }

    List<String> command() {
        return command;
    }

    @Override
    public Optional<String> start() {
        Path stderr = null;
        Process child = null;
        try {
            stderr = Files.createTempFile("devws-start-host", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
            pb.environment().putAll(environment);
            child = pb.start();
            if (!child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                return Optional.of("the session host did not start within " + TIMEOUT.toSeconds() + " s");
            }
            int code = child.exitValue();
            return code == 0 ? Optional.empty() : Optional.of(verdict(tail(stderr), code));
        } catch (IOException e) {
            return Optional.of("cannot run the host's start process: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while starting the session host");
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static String tail(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int from = Math.max(0, all.length - STDERR_LIMIT);
        return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The child's last stderr line (the exec's verdict, or why the JVM could not run); its exit code otherwise. */
    static String verdict(String stderr, int code) {
        return ExecHostStarter.lastLine(stderr).orElse("the session host's start process failed (exit " + code + ")");
    }
}
