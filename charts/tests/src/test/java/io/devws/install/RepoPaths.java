package io.devws.install;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the checkout, found from the module directory (charts/tests) Maven runs the tests in. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("charts/devws-operator/Chart.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no charts/devws-operator/Chart.yaml above " + dir);
    }

    public static Path chart() {
        return root().resolve("charts/devws-operator");
    }

    public static Path deploy() {
        return root().resolve("deploy");
    }
}
