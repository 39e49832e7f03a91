package io.devws.cli.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Java 25 AOT cache's training. The JDK 25 AOT cache rejects a boot class path that differs from
 * the run's (what {@link TrainingBoot} relies on for Java 17), so here the real launcher class path runs
 * the real ProxyCommand, {@code devws ssh --stdio}, against {@link TrainingServer}, in a child JVM that
 * writes the cache when it exits. Arguments: the Java 25+ home, the cache file, the launcher's lib folder.
 * Best effort: a failure only leaves the cache out (the launcher runs without it).
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path java = Path.of(args[0], "bin", "java");
        Path cache = Path.of(args[1]);
        // the JVM's own chatter (JAVA_TOOL_OPTIONS of its cache-writing child, Unsafe warnings) stays out of the build log
        Path log = Files.createDirectories(Path.of(args[2]).resolveSibling("training")).resolve("aot.log");
        try (TrainingServer server = TrainingServer.start()) {
            Process p = new ProcessBuilder(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xlog:disable", "-Xlog:all=error:stderr", "--sun-misc-unsafe-memory-access=allow",
                    "-XX:AOTCacheOutput=" + cache,
                    "-cp", Path.of(args[2]).resolve("*").toString(), "io.devws.cli.Main",
                    "ssh", "--stdio", "--kubeconfig", server.kubeconfig().toString(),
                    TrainingServer.WORKSPACE + "." + TrainingServer.NAMESPACE + ".devws"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
            // stdin stays open: the tunnel ends by the server's exit status, as a real one does
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.err.println("devws training: the AOT training run timed out");
            }
        }
        if (!Files.exists(cache)) {
            System.err.println("devws training: no AOT cache made (see " + log + "); the launcher runs without one");
        }
        System.exit(0);
    }
}
