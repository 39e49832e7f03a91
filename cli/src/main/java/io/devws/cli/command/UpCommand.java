package io.devws.cli.command;

import io.devws.cli.local.LocalDaemon;
import io.devws.cli.local.LocalLayout;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.local.SidecarLocator;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.ProgressLine;
import io.devws.cli.workspace.UpProgress;
import io.devws.cli.workspace.UpRequest;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "up", description = "Create or start a workspace and wait until SSH is ready.")
public final class UpCommand extends BackendCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Option(names = "--image", description = "Container image of the workspace (needed to create one).")
    String image;
    @Option(names = "--storage", description = "Size of the workspace volume, e.g. 20Gi (default: the operator's, 10Gi).")
    String storage;
    @Option(names = "--ephemeral", description = "Use an emptyDir: files are lost with the pod.")
    boolean ephemeral;
    @Option(names = "--idle-timeout", description = "Stop after this long without SSH activity, e.g. 30m.")
    String idleTimeout;
    @Option(names = "--no-wait", description = "Return once the request is accepted.")
    boolean noWait;
    @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait for SSH (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    int onLocal(LocalWorkspaces store) {
        LocalLayout layout = store.up(name);
        if (!noWait) {
            new LocalDaemon(layout).ensureRunning(SidecarLocator.require());
        }
        out().println("local workspace " + name + " is ready (" + layout.dir() + ")");
        out().println("connect: devws ssh --local " + name + "   (or `ssh " + name + ".local.devws` after `devws config-ssh --local`)");
        return 0;
    }

    @Override
    int onCluster(KubeConnection connection) throws Exception {
        PrintWriter out = out();
        var workspaces = connection.workspaces();
        workspaces.up(new UpRequest(name, connection.namespace(), image, storage, ephemeral, idleTimeout));
        if (noWait) {
            out.println("workspace " + name + " requested in namespace " + connection.namespace() + "; follow it with: devws status " + name);
            return 0;
        }
        boolean terminal = System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
        new UpProgress(workspaces, new ProgressLine(out, terminal)).await(name, Duration.ofSeconds(timeoutSeconds));
        out.println("connect: ssh " + name + "." + connection.namespace() + ".devws   (run `devws config-ssh` once first), or: devws ssh " + name);
        return 0;
    }
}
