package io.devws.cli.tunnel;

import io.devws.cli.sshconfig.KnownHostsEntry;
import io.devws.cli.sshconfig.PinnedHostKeys;
import io.devws.cli.workspace.KubeConnection;
import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The ProxyCommand's part in host keys that follow the workspace: read the key the workspace's status
 * publishes (with the user's own credentials) while the pod is found and the exec opens, then pin it in
 * the managed known_hosts file for the host ssh checks ({@code %h}) and {@code NAME.NAMESPACE.SUFFIX},
 * before ssh sees the first byte. Nothing else is ever pinned, so a server whose key is not the
 * status key is still refused by ssh.
 *
 * @param typedHost the host as ssh was given it (the ProxyCommand's {@code %h})
 */
public record HostKeyPin(PinnedHostKeys file, String typedHost, String suffix) {
    /** The key read, started now on its own thread: it overlaps the pod lookup and the exec. */
    CompletableFuture<Optional<String>> readAsync(KubeConnection connection, String name) {
        return CompletableFuture.supplyAsync(() -> statusKey(connection, name), task -> {
            Thread t = new Thread(task, "devws-hostkey");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The status key, read as a map (a typed read costs a fresh JVM its Jackson set-up); empty when unreadable. */
    static Optional<String> statusKey(KubeConnection connection, String name) {
        try {
            GenericKubernetesResource ws = connection.client().genericKubernetesResources(DevWorkspace.API_VERSION, "DevWorkspace")
                    .inNamespace(connection.workspaces().namespace()).withName(name).get();
            return ws == null ? Optional.empty() : Optional.ofNullable(ws.get("status", "ssh", "hostPublicKey"));
        } catch (RuntimeException e) {
            // not allowed to read it, or the API failed: ssh checks against what is pinned already
            return Optional.empty();
        }
    }

    /** The entry to pin: {@code NAME.NAMESPACE.SUFFIX} and the host ssh checks, when it is an ssh host name of devws. */
    Optional<KnownHostsEntry> entry(String name, String namespace, String key) {
        String host = typedHost.toLowerCase(Locale.ROOT);
        if (!host.endsWith("." + suffix)) {
            return Optional.empty(); // `devws ssh --stdio NAME`: not a name ssh checks in the managed file
        }
        Set<String> hosts = new LinkedHashSet<>(List.of(name + "." + namespace + "." + suffix, host));
        try {
            return Optional.of(new KnownHostsEntry(List.copyOf(hosts), key));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a malformed status key is never pinned
        }
    }

    /** Pins the key, if one was read; a file that cannot be written is a tunnel failure (ssh would refuse anyway). */
    void apply(String name, String namespace, Optional<String> key) {
        key.flatMap(k -> entry(name, namespace, k)).ifPresent(e -> {
            try {
                file.refresh(e);
            } catch (IOException | UncheckedIOException ex) {
                throw new TunnelException("cannot update the pinned host key in " + file.file() + ": " + ex.getMessage()
                        + " (make it writable, or run `devws config-ssh` again)", ex);
            }
        });
    }
}
