package io.devws.e2e;

import io.devws.install.RepoPaths;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the E2E suite runs against: the cluster KUBECONFIG names and images already present there.
 * Images: system properties devws.e2e.operatorImage / sidecarImage / devImage / busyboxImage / devnonrootImage, or a
 * file of operator=REF, sidecar=REF, dev=REF, busybox=REF, devnonroot=REF lines (.ci/images output) named by devws.e2e.images
 * (default target/images/refs.properties in the checkout). The CLI: cli/target/devws, or -Ddevws.e2e.devws=PATH.
 */
public record E2eSettings(Path kubeconfig, String operatorImage, String sidecarImage, String devImage, String busyboxImage,
        String devNonRootImage, Path devws) {

    public static E2eSettings load() {
        String kc = System.getenv("KUBECONFIG");
        if (kc == null || kc.isBlank() || !Files.isReadable(Path.of(kc))) {
            throw new IllegalStateException("KUBECONFIG must name the test cluster's kubeconfig (got " + kc + ")");
        }
        Properties refs = new Properties();
        Path file = Path.of(System.getProperty("devws.e2e.images", RepoPaths.root().resolve("target/images/refs.properties").toString()));
        if (Files.isReadable(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                refs.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // -Ddevws.e2e.devws=PATH: a copied launcher folder, immune to rebuilds of cli/target during a long run
        Path devws = Path.of(System.getProperty("devws.e2e.devws", RepoPaths.root().resolve("cli/target/devws").toString()));
        if (!Files.isExecutable(devws)) {
            throw new IllegalStateException("no " + devws + ": run mvn -B package first");
        }
        return new E2eSettings(Path.of(kc), image("operator", refs), image("sidecar", refs), image("dev", refs), image("busybox", refs),
                image("devnonroot", refs), devws);
    }

    private static String image(String key, Properties refs) {
        String v = System.getProperty("devws.e2e." + key + "Image", refs.getProperty(key));
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("no " + key + " image: set -Ddevws.e2e." + key + "Image=REF or run .ci/images");
        }
        return v;
    }

    /** repository part of REPO:TAG. */
    public static String repository(String ref) {
        return ref.substring(0, ref.lastIndexOf(':'));
    }

    public static String tag(String ref) {
        return ref.substring(ref.lastIndexOf(':') + 1);
    }
}
