package io.devws.cli.command;

import io.devws.cli.ide.IdeLauncher;
import io.devws.cli.ide.IdeOpener;
import io.devws.cli.ide.IdeTarget;
import io.devws.cli.ide.SshReach;
import io.devws.cli.local.LocalLayout;
import io.devws.cli.local.LocalTarget;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.sshconfig.HostSuffix;
import io.devws.cli.sshconfig.SshPaths;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.WorkspaceRef;
import io.devws.model.DevWorkspace;
import io.devws.model.StorageSpec;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** What {@code devws code} and {@code devws open} share: the workspace, resolved on its backend, as an {@link IdeTarget}. */
abstract class IdeCommand extends BackendCommand {
    @Parameters(index = "0", paramLabel = "WORKSPACE", description = "NAME, NAME.NAMESPACE or NAME[.NAMESPACE].devws")
    String workspace;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH",
            description = "The folder to open: absolute, or relative to the workspace's working directory (the default).")
    String path;

    abstract int open(IdeOpener opener, IdeTarget target);

    @Override
    KubeOptions connectionOptions() {
        return kube.inNamespace(WorkspaceRef.parse(workspace, suffix().value()).namespace());
    }

    @Override
    int onLocal(LocalWorkspaces store) {
        LocalLayout layout = store.require(LocalTarget.name(workspace));
        return open(opener(), new IdeTarget(layout.name(), suffix().localHost(layout.name()), layout.workdir().toString(), true));
    }

    @Override
    int onCluster(KubeConnection cluster) {
        WorkspaceRef ref = WorkspaceRef.parse(workspace, suffix().value());
        DevWorkspace ws = cluster.workspaces().require(ref.name());
        String host = suffix().clusterHost(ref.name(), cluster.namespace());
        return open(opener(), new IdeTarget(ref.toString(), host, workingDir(ws), false));
    }

    /** The dev container's working directory: spec.container.workingDir, else the workspace volume's mount path. */
    static String workingDir(DevWorkspace ws) {
        var spec = ws.getSpec();
        if (spec != null && spec.getContainer() != null && spec.getContainer().getWorkingDir() != null) {
            return spec.getContainer().getWorkingDir();
        }
        String mount = spec == null || spec.getStorage() == null ? null : spec.getStorage().getMountPath();
        mount = mount == null ? StorageSpec.DEFAULT_MOUNT_PATH : mount;
        return mount.length() > 1 && mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
    }

    private SshPaths paths() {
        return SshPaths.forHome(Path.of(System.getProperty("user.home")));
    }

    private HostSuffix suffix() {
        return SshReach.suffix(paths());
    }

    private IdeOpener opener() {
        return new IdeOpener(paths(), new IdeLauncher(System.getenv("PATH")), out(), spec.commandLine().getErr());
    }
}
