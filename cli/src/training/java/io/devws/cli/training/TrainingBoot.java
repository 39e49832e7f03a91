package io.devws.cli.training;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Java 17 class-data training's entry point, in a jar of its own on {@code -Xbootclasspath/a}: the
 * archive is valid only for the class path it was trained with, and the launcher runs with exactly
 * {@code lib/*}, so the training code (build-only) cannot be on the class path. This loads it from
 * {@code args[0]} in a loader below the application class loader, so every devws class still comes
 * from {@code lib/*} and lands in the archive. JDK classes only: the boot loader sees nothing else.
 */
public final class TrainingBoot {
    private TrainingBoot() {
    }

    public static void main(String[] args) throws Exception {
        URL classes = Path.of(args[0]).toUri().toURL();
        ClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getSystemClassLoader());
        Class.forName("io.devws.cli.training.Training", true, loader).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
