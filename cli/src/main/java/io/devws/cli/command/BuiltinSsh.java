package io.devws.cli.command;

import io.devws.cli.client.BuiltinClient;
import io.devws.cli.client.ClientIo;
import io.devws.cli.client.ClientOptions;
import io.devws.cli.local.LocalLayout;
import io.devws.cli.local.LocalTunnel;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.tunnel.KubeTunnels;
import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.WorkspaceException;
import io.devws.cli.workspace.WorkspaceRef;
import io.devws.model.DevWorkspace;
import io.devws.transport.keys.HostKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Duration;

/** {@code devws ssh NAME} without --stdio: the built-in client over a cluster or local tunnel. */
final class BuiltinSsh {
    private BuiltinSsh() {
    }

    static int cluster(KubeOptions kube, WorkspaceRef ref, boolean start, Duration wait, ClientOptions options) {
        // one connection serves both the tunnel and the pinned host key
        try (KubeConnection connection = KubeTunnels.connect(kube, ref);
                Tunnel tunnel = KubeTunnels.open(connection, ref.name(), start, wait, System.err)) {
            return run(tunnel, pinnedKey(connection, ref), options);
        }
    }

    static int local(LocalLayout layout, ClientOptions options) {
        PublicKey pinned = HostKeys.parse(LocalWorkspaces.forUser().hostPublicKey(layout));
        try (Tunnel tunnel = LocalTunnel.open(layout)) {
            return run(tunnel, pinned, options);
        }
    }

    private static int run(Tunnel tunnel, PublicKey pinned, ClientOptions options) {
        try {
            return new BuiltinClient(options, ClientIo.system()).run(tunnel, pinned);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PublicKey pinnedKey(KubeConnection connection, WorkspaceRef ref) {
        DevWorkspace ws = connection.workspaces().require(ref.name());
        String key = ws.getStatus() == null || ws.getStatus().getSsh() == null ? null : ws.getStatus().getSsh().getHostPublicKey();
        if (key == null) {
            throw new WorkspaceException("workspace " + ref + " has no host key in its status yet: wait for `devws status " + ref.name() + "` to show one");
        }
        return HostKeys.parse(key);
    }
}
