package io.devws.cli.tunnel;

import io.devws.cli.local.LocalWorkspaces;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time to first byte of {@code devws ssh --stdio} (the SSH banner arriving through the tunnel)
 * against the exec test server and the --local daemon, next to a JVM hello-world. Not part of the
 * normal test run: {@code mvn -pl cli verify -Dit.test=StartupBenchmark -Dtest=none}
 * (results in the output and target/benchmarks-cli.txt; summary in docs/benchmarks-cli.md).
 */
class StartupBenchmark {
    static final int RUNS = Integer.getInteger("bench.runs", 21);
    static final Path JAVA17 = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    @TempDir
    Path dir;

    @Test
    void timeToFirstByte() throws Exception {
        StringBuilder report = new StringBuilder();
        Path hello = Files.writeString(dir.resolve("Hello.java"), "public class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }");
        run(List.of("javac", hello.toString()), Map.of());
        report.append(line("JVM hello-world (Java 17)", List.of(JAVA17.toString(), "-cp", dir.toString(), "Hello"), Map.of()));
        if (Files.exists(JDK25)) {
            report.append(line("JVM hello-world (Java 25)", List.of(JDK25 + "/bin/java", "-cp", dir.toString(), "Hello"), Map.of()));
        }
        report.append(measure());
        String lib = FullPath.CLI.getParent().resolve("lib") + "/*";
        try (FullPath path = new FullPath(dir.resolve("kube"), "30s")) {
            Files.createDirectories(dir.resolve("kube"));
            path.startDaemon();
            List<String> args = List.of("ssh", "--stdio", "ws.devws", "--kubeconfig", path.kubeconfig.toString());
            report.append(line("exec test server, launcher (Java 17: C1, serial GC, AppCDS)", cli(args), Map.of()));
            if (Files.exists(JDK25)) {
                report.append(line("exec test server, launcher (Java 25: C1, serial GC, AOT cache)", cli(args), Map.of("JAVA_HOME", JDK25.toString())));
            }
            report.append(line("exec test server, plain JVM (Java 17 defaults, no archive)", plain(lib, args), Map.of()));
            report.append(measure());
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            new LocalWorkspaces(home).up("demo");
        } finally {
            System.setProperty("user.home", saved);
        }
        Map<String, String> env = Map.of("HOME", home.toString(), "DEVWS_SIDECAR", FullPath.SIDECAR.toString());
        List<String> local = List.of("ssh", "--local", "--stdio", "demo.local.devws");
        try {
            report.append(line("--local, launcher (Java 17: C1, serial GC, AppCDS)", cli(local), env));
            if (Files.exists(JDK25)) {
                Map<String, String> env25 = new java.util.HashMap<>(env);
                env25.put("JAVA_HOME", JDK25.toString());
                report.append(line("--local, launcher (Java 25: C1, serial GC, AOT cache)", cli(local), env25));
            }
            List<String> plainLocal = new ArrayList<>(plain(lib, local));
            plainLocal.add(1, "-Duser.home=" + home);
            report.append(line("--local, plain JVM (Java 17 defaults, no archive)", plainLocal, env));
            report.append(line("devws-sidecar ssh-server --stdio bridge alone (what --local no longer spawns)",
                    List.of(FullPath.SIDECAR.toString(), "ssh-server", "--stdio", "--socket", home.resolve(".devws/local/demo/sshd/sshd.sock").toString()), env));
            report.append(measure());
        } finally {
            run(cli(List.of("delete", "--local", "demo")), env);
        }
        System.out.print(report);
        Files.writeString(FullPath.CLI.getParent().resolve("benchmarks-cli.txt"), report);
    }

    private static List<String> cli(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(FullPath.CLI.toString()));
        cmd.addAll(args);
        return cmd;
    }

    /** The launcher before start-up work: default JIT and GC, no class-data archive of devws, all subcommands built. */
    private static List<String> plain(String lib, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(JAVA17.toString(), "-cp", lib, "io.devws.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    private record Config(String name, List<String> cmd, Map<String, String> env, List<Double> samples) {
    }

    private final List<Config> group = new ArrayList<>();

    /** Queues a configuration; {@link #measure()} runs the queued ones round-robin, so load drifts hit all alike. */
    private String line(String name, List<String> cmd, Map<String, String> env) {
        group.add(new Config(name, cmd, env, new ArrayList<>()));
        return "";
    }

    private String measure() throws Exception {
        for (Config c : group) {
            once(c.cmd(), c.env());
        }
        for (int i = 0; i < RUNS; i++) {
            for (Config c : group) {
                c.samples().add(once(c.cmd(), c.env()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (Config c : group) {
            List<Double> samples = c.samples();
            Collections.sort(samples);
            out.append(String.format("%-88s median %4.0f ms   min %4.0f ms   p90 %4.0f ms   (n=%d)%n", c.name(),
                    samples.get(samples.size() / 2), samples.get(0), samples.get((int) (samples.size() * 0.9)), RUNS));
        }
        group.clear();
        return out.toString();
    }

    private static double once(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        InputStream out = p.getInputStream();
        int first = out.read();
        double ms = (System.nanoTime() - t0) / 1e6;
        OutputStream in = p.getOutputStream();
        in.close();
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor();
        if (first < 0) {
            throw new AssertionError("no output from " + cmd);
        }
        return ms;
    }

    private static void run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        pb.start().waitFor();
    }
}
