package io.devws.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The folder of the running {@code devws} launcher (set by the launcher script as -Ddevws.home). */
public final class CliHome {
    private CliHome() {
    }

    public static Optional<Path> dir() {
        String home = System.getProperty("devws.home");
        return home == null ? Optional.empty() : Optional.of(Path.of(home).toAbsolutePath());
    }

    /** Absolute path of the {@code devws} launcher (its real folder), for ProxyCommand lines. */
    public static Path executable() {
        String explicit = System.getProperty("devws.executable");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        return dir().map(d -> d.resolve("devws")).filter(Files::isExecutable)
                .orElseThrow(() -> new LocalException("cannot tell where the devws launcher is: run devws through its launcher script"));
    }

    /**
     * The path a ProxyCommand should run: one that survives a rebuild or an upgrade. First the {@code devws} that
     * PATH finds, when it is this launcher (often a symlink the user keeps, which stays unresolved); else the path
     * devws was started through ({@code $0}, set by the launcher as -Ddevws.invoked) unless it lies in a build
     * tree; else this launcher itself, and {@link #inBuildTree} says so.
     */
    public static Path stableExecutable(String pathVariable) {
        Path launcher = executable();
        if (System.getProperty("devws.executable") != null) {
            return launcher;
        }
        Path real = realPath(launcher);
        if (pathVariable != null) {
            for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "devws").toAbsolutePath().normalize();
                if (Files.isExecutable(candidate)) {
                    if (realPath(candidate).equals(real)) {
                        return candidate;
                    }
                    break;
                }
            }
        }
        String invoked = System.getProperty("devws.invoked");
        if (invoked != null && invoked.contains("/")) {
            Path path = Path.of(invoked).toAbsolutePath().normalize();
            if (Files.isExecutable(path) && !inBuildTree(path) && realPath(path).getParent().equals(real.getParent())) {
                return path;
            }
        }
        return launcher;
    }

    /** A launcher in a Maven build folder ({@code .../target} beside a pom.xml), which {@code mvn clean} deletes. */
    public static boolean inBuildTree(Path launcher) {
        Path dir = launcher.toAbsolutePath().normalize().getParent();
        return dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("target")
                && Files.exists(dir.resolveSibling("pom.xml"));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
