package io.devws.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code devws-sidecar} launcher for the --local backend, first match wins:
 * <ol>
 *   <li>{@code $DEVWS_SIDECAR} (or system property {@code devws.sidecar});</li>
 *   <li>beside the CLI launcher (install layout: both launchers in one folder);</li>
 *   <li>the build tree: {@code cli/target/../../sidecar/target/devws-sidecar};</li>
 *   <li>{@code devws-sidecar} on {@code PATH}.</li>
 * </ol>
 */
public final class SidecarLocator {
    public static final String ENV = "DEVWS_SIDECAR";
    public static final String LAUNCHER = "devws-sidecar";

    private SidecarLocator() {
    }

    /** Candidate paths in search order; {@code cliHome} is the CLI launcher's folder, or null. */
    static List<Path> candidates(Map<String, String> env, String property, Path cliHome) {
        List<Path> out = new ArrayList<>();
        String explicit = property != null ? property : env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            out.add(Path.of(explicit));
        }
        if (cliHome != null) {
            out.add(cliHome.resolve(LAUNCHER));
            out.add(cliHome.resolve("../../sidecar/target").resolve(LAUNCHER).normalize());
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty()) {
                out.add(Path.of(dir, LAUNCHER));
            }
        }
        return out;
    }

    public static Optional<Path> find(Map<String, String> env, String property, Path cliHome) {
        return candidates(env, property, cliHome).stream().filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
    }

    public static Path require() {
        String explicit = System.getProperty("devws.sidecar", System.getenv(ENV));
        if (explicit != null && !explicit.isBlank() && !Files.isExecutable(Path.of(explicit))) {
            // an explicit choice that does not work is an error, not a reason to pick another launcher
            throw new LocalException(ENV + "=" + explicit + " is not an executable file: point it at the devws-sidecar launcher");
        }
        return find(System.getenv(), System.getProperty("devws.sidecar"), CliHome.dir().orElse(null))
                .orElseThrow(() -> new LocalException("devws-sidecar not found: set DEVWS_SIDECAR to its launcher, put it beside devws or on PATH"
                        + " (build it with: mvn -pl sidecar package)"));
    }
}
