package io.devws.cli.workspace;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Fabric8 client and namespace from kubectl-like flags; fails with one line when no cluster is configured.
 * The client's Vert.x instance is owned here, so that {@link #close()} waits for its event loops to stop:
 * HotSpot's exit waits up to 300 ms for threads that sit in native code (an event loop in epoll), which
 * an ssh whose stderr is captured ({@code $(ssh ws cmd 2>&1)}, IDEs) waited for after every session. ssh
 * ends its ProxyCommand with SIGHUP, so a shutdown hook stops the event loops too.
 */
public final class KubeConnection implements AutoCloseable {
    private static final long CLOSE_WAIT_MS = 1_000;
    private final KubernetesClient client;
    private final String namespace;
    private final Vertx vertx;
    private final Thread onExit;
    private CompletableFuture<Void> stopped;

    private KubeConnection(KubernetesClient client, String namespace, Vertx vertx) {
        this.client = client;
        this.namespace = namespace;
        this.vertx = vertx;
        this.onExit = new Thread(this::stopVertx, "devws-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Failed reconnects in a row after which a watch ({@code -w}) gives up on the API server. */
    static final int WATCH_RECONNECTS = 5;

    public static KubeConnection open(KubeOptions options) {
        Config config = config(options);
        if (options.namespace != null) {
            config.setNamespace(options.namespace);
        }
        // a CLI fails fast: Fabric8's default retries an unreachable server for ~20 s
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(5_000);
        // -w: a watch that loses the API server tries again for ~30 s (1+2+4+8+16), then the command says so
        config.setWatchReconnectLimit(WATCH_RECONNECTS);
        String namespace = config.getNamespace() == null ? "default" : config.getNamespace();
        Vertx vertx = newVertx();
        try {
            return new KubeConnection(new KubernetesClientBuilder().withConfig(config)
                    .withHttpClientFactory(new VertxHttpClientFactory(vertx)).build(), namespace, vertx);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** As Fabric8 makes its own: daemon threads, no file cache, the JDK's resolver (Vert.x's costs start-up). */
    private static Vertx newVertx() {
        String property = "vertx.disableDnsResolver";
        String before = System.getProperty(property);
        System.setProperty(property, "true");
        try {
            return Vertx.vertx(new VertxOptions().setUseDaemonThread(true)
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    private static Config config(KubeOptions options) {
        Optional<Path> named = namedKubeconfig(options);
        if (named.isPresent()) {
            Path path = named.get();
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

    /** The kubeconfig file the flags name (--kubeconfig, else the first of $KUBECONFIG), if any. */
    private static Optional<Path> namedKubeconfig(KubeOptions options) {
        String file = options.kubeconfig != null ? options.kubeconfig : System.getenv("KUBECONFIG");
        return file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file.split(":")[0]));
    }

    /** The kubeconfig file in use: the one the flags name, else ~/.kube/config (for completing --context). */
    public static Path kubeconfigFile(KubeOptions options) {
        return namedKubeconfig(options).orElse(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return namespace;
    }

    public KubeWorkspaces workspaces() {
        return new KubeWorkspaces(client, namespace);
    }

    @Override
    public void close() {
        client.close();
        stopVertx();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // already exiting: the hook waits for the same close
        }
    }

    /** Closes Vert.x once and waits for it: from {@link #close()} and from the hook, should SIGHUP come meanwhile. */
    private void stopVertx() {
        CompletableFuture<Void> stopping;
        synchronized (this) {
            if (stopped == null) {
                stopped = vertx.close().toCompletionStage().toCompletableFuture();
            }
            stopping = stopped;
        }
        try {
            stopping.get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the event loops stop on their own; exiting only takes longer
        }
    }
}
