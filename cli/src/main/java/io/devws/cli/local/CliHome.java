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

    /** Absolute path of the {@code devws} launcher, for ProxyCommand lines. */
    public static Path executable() {
        String explicit = System.getProperty("devws.executable");
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath();
        }
        return dir().map(d -> d.resolve("devws")).filter(Files::isExecutable)
                .orElseThrow(() -> new LocalException("cannot tell where the devws launcher is: run devws through its launcher script"));
    }
}
