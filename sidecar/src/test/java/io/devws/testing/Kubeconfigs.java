package io.devws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfigs for test API servers: one cluster (its certificate not checked), a token, a default namespace. */
public final class Kubeconfigs {
    private Kubeconfigs() {
    }

    /** Writes {@code file} with its current context on {@code serverUrl} in {@code namespace}. */
    public static Path write(Path file, String serverUrl, String namespace) {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: devws-test
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: devws-test
                  context:
                    cluster: devws-test
                    user: devws-test
                    namespace: %s
                current-context: devws-test
                users:
                - name: devws-test
                  user:
                    token: devws-test-token
                """.formatted(serverUrl, namespace);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
