package io.devws.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One external command (kubectl, ssh, scp, devws, ...): environment, optional stdin file, timeout. */
public final class Proc {
    private final List<String> command;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> unset = new ArrayList<>();
    private Path stdin;
    private Duration timeout = Duration.ofSeconds(120);

    private Proc(List<String> command) {
        this.command = command;
    }

    public static Proc of(String... command) {
        return new Proc(new ArrayList<>(Arrays.asList(command)));
    }

    public static Proc of(List<String> command) {
        return new Proc(new ArrayList<>(command));
    }

    public Proc env(Map<String, String> vars) {
        env.putAll(vars);
        return this;
    }

    public Proc env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public Proc unsetEnv(String key) {
        unset.add(key);
        return this;
    }

    public Proc stdin(Path file) {
        this.stdin = file;
        return this;
    }

    public Proc timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public ProcessBuilder builder() {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        unset.forEach(pb.environment()::remove);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        return pb;
    }

    /** Starts without waiting; output goes to the given files. */
    public Process start(Path out, Path err) {
        try {
            return builder().redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run() {
        try {
            Path out = Files.createTempFile("e2e-out", ".txt");
            Path err = Files.createTempFile("e2e-err", ".txt");
            try {
                long t0 = System.nanoTime();
                Process p = start(out, err);
                boolean done;
                try {
                    done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    kill(p); // the caller gave up (e.g. a pool shut down): leave no process behind
                    throw e;
                }
                if (!done) {
                    kill(p);
                    throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
                            + "\nstdout: " + tail(out) + "\nstderr: " + tail(err));
                }
                return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - t0));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static String tail(Path f) throws IOException {
        String s = Files.readString(f, StandardCharsets.UTF_8);
        return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    }

    /** What a finished command did. */
    public record Result(List<String> command, int exit, String out, String err, Duration took) {
        public Result ok() {
            if (exit != 0) {
                throw new AssertionError(describe());
            }
            return this;
        }

        public String describe() {
            return String.join(" ", command) + " -> exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }
}
