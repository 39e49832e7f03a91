package io.devws.cli.command;

import io.devws.cli.local.LocalTarget;
import io.devws.cli.local.LocalTunnel;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.tunnel.StdioPump;
import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.tunnel.TunnelException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;

/** {@code devws ssh --local}: the same as on a cluster, over a {@link LocalTunnel}. */
final class LocalSsh {
    private LocalSsh() {
    }

    static int run(String workspace, boolean stdio, io.devws.cli.client.ClientOptions options) {
        try {
            var layout = LocalWorkspaces.forUser().require(LocalTarget.name(workspace));
            if (!stdio) {
                return BuiltinSsh.local(layout, options);
            }
            try (Tunnel tunnel = LocalTunnel.open(layout)) {
                StdioPump.run(tunnel, new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out));
            }
            return 0;
        } catch (RuntimeException e) {
            if (stdio && !(e instanceof TunnelException)) {
                throw new TunnelException(e.getMessage(), e);
            }
            throw e;
        }
    }
}
