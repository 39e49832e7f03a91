package io.devws.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built launchers (cli/target/devws, sidecar/target/devws-sidecar) and OpenSSH as child processes. */
public final class Launchers {
    public static final Path DEVWS = Path.of("target/devws").toAbsolutePath();
    public static final Path SIDECAR = Path.of("../sidecar/target/devws-sidecar").toAbsolutePath().normalize();

    public record Result(int code, String out, String err) {
    }

    private Launchers() {
    }

    public static void requireBuilt() {
        assertThat(DEVWS).as("run `mvn package` first").isExecutable();
        assertThat(SIDECAR).as("build the sidecar first (mvn -pl sidecar package)").isExecutable();
    }

    public static Result run(Path home, Map<String, String> extraEnv, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command));
        pb.environment().put("HOME", home.toString());
        pb.environment().put(SidecarLocator.ENV, SIDECAR.toString());
        pb.environment().putAll(extraEnv);
        Path out = Files.createTempFile("devws-out", ".txt");
        Path err = Files.createTempFile("devws-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public static String[] devws(String... args) {
        List<String> all = new ArrayList<>();
        all.add(DEVWS.toString());
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
