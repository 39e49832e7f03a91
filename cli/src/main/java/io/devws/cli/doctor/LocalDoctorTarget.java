package io.devws.cli.doctor;

import io.devws.cli.local.LocalDaemon;
import io.devws.cli.local.LocalLayout;
import io.devws.cli.local.LocalTunnel;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.local.SidecarLocator;
import io.devws.cli.sshconfig.HostSuffix;
import io.devws.cli.tunnel.Tunnel;
import java.util.Optional;

/** Doctor steps for a --local workspace: "running" means its daemon answers (started here if needed). */
public final class LocalDoctorTarget implements DoctorTarget {
    private final LocalWorkspaces store;
    private final LocalLayout layout;

    public LocalDoctorTarget(LocalWorkspaces store, LocalLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    @Override
    public String hostName() {
        return HostSuffix.DEFAULT.localHost(layout.name());
    }

    @Override
    public String sshHost(HostSuffix suffix) {
        return suffix.localHost(layout.name());
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public Check workspaceRunning() {
        String title = "workspace " + layout.name() + " is running";
        try {
            new LocalDaemon(layout).ensureRunning(SidecarLocator.require());
            return Check.pass(title, "daemon " + new LocalDaemon(layout).pid().map(p -> "pid " + p).orElse("up") + " on " + layout.socket());
        } catch (RuntimeException e) {
            return Check.fail(title, e.getMessage(), "see " + layout.daemonLog());
        }
    }

    @Override
    public Check execAllowed() {
        return Check.pass("exec into the sidecar allowed", "local backend: the tunnel is a child process");
    }

    @Override
    public Tunnel openTunnel() {
        return LocalTunnel.open(layout);
    }

    @Override
    public Optional<String> statusHostKey() {
        return Optional.of(store.hostPublicKey(layout));
    }
}
