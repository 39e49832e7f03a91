package io.devws.cli.workspace;

import io.devws.cli.command.KubeOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Fabric8 client and namespace from kubectl-like flags; fails with one line when no cluster is configured. */
public record KubeConnection(KubernetesClient client, String namespace) implements AutoCloseable {
    public static KubeConnection open(KubeOptions options) {
        Config config = config(options);
        if (options.namespace != null) {
            config.setNamespace(options.namespace);
        }
        // a CLI fails fast: Fabric8's default retries an unreachable server for ~20 s
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(5_000);
        String namespace = config.getNamespace() == null ? "default" : config.getNamespace();
        return new KubeConnection(new KubernetesClientBuilder().withConfig(config).build(), namespace);
    }

    private static Config config(KubeOptions options) {
        String file = options.kubeconfig != null ? options.kubeconfig : System.getenv("KUBECONFIG");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file.split(":")[0]);
            if (!Files.isReadable(path)) {
                throw new WorkspaceException("kubeconfig " + path + " not found: pass --kubeconfig FILE (or use --local for a workspace without a cluster)");
            }
            try {
                return Config.fromKubeconfig(options.context, Files.readString(path), path.toString());
            } catch (IOException | RuntimeException e) {
                throw new WorkspaceException("cannot read kubeconfig " + path + ": " + e.getMessage(), e);
            }
        }
        Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
        if (!Files.exists(home) && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            throw new WorkspaceException("no kubeconfig: set KUBECONFIG or pass --kubeconfig FILE (or use --local for a workspace without a cluster)");
        }
        return Config.autoConfigure(options.context);
    }

    public KubeWorkspaces workspaces() {
        return new KubeWorkspaces(client, namespace);
    }

    @Override
    public void close() {
        client.close();
    }
}
