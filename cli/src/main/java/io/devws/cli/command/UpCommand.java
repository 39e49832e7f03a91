package io.devws.cli.command;

import io.devws.cli.local.LocalDaemon;
import io.devws.cli.local.LocalLayout;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.local.SidecarLocator;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.ProgressLine;
import io.devws.cli.workspace.RunAs;
import io.devws.cli.workspace.UpProgress;
import io.devws.cli.workspace.UpRequest;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "up", description = "Create or start a workspace and wait until SSH is ready.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws up ws --image IMG                             # create ws (IMG runs as a non-root user) and wait for SSH",
            "  devws up ws --image debian:bookworm --user 0        # an image whose user is root: say so",
            "  devws up ws --image IMG --storage 20Gi --idle-timeout 1h30m",
            "  devws up ws                                         # start a stopped ws again",
            "  devws up ws --no-wait                               # return once the request is accepted",
            "  devws up --local ws                                 # a workspace on this machine, no cluster"})
public final class UpCommand extends BackendCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Option(names = "--image", description = "Container image of the workspace (needed to create one).")
    String image;
    @Option(names = "--user", paramLabel = "UID[:GID]", converter = Converters.User.class, description = {
            "Run the dev container as this numeric user (and group): its runAsUser. Without it the image's own user runs,",
            "and it must not be root (devws' non-root default); --user 0 runs as root."})
    RunAs user;
    @Option(names = "--storage", paramLabel = "SIZE", converter = Converters.QuantityText.class,
            description = "Size of the workspace volume, a Kubernetes quantity such as 20Gi or 500M (default: the operator's, 10Gi).")
    String storage;
    @Option(names = "--ephemeral", description = "Use an emptyDir: files are lost with the pod.")
    boolean ephemeral;
    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = Converters.DurationText.class,
            description = "Stop after this long without SSH activity, e.g. 30m or 1h30m.")
    String idleTimeout;
    @Option(names = "--no-wait", description = "Return once the request is accepted.")
    boolean noWait;
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = Converters.PositiveDuration.class,
            description = "How long to wait for SSH, e.g. 90s or 10m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

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
        workspaces.up(new UpRequest(name, connection.namespace(), image, user, storage, ephemeral, idleTimeout));
        if (noWait) {
            out.println("workspace " + name + " requested in namespace " + connection.namespace() + "; follow it with: devws status " + name);
            return 0;
        }
        boolean terminal = System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
        new UpProgress(workspaces, new ProgressLine(out, terminal)).await(name, timeout);
        out.println("connect: ssh " + name + "." + connection.namespace() + ".devws   (run `devws config-ssh` once first), or: devws ssh " + name);
        return 0;
    }
}
