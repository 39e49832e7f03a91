package io.devws.cli.command;

import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.error.DevwsException;
import io.devws.cli.error.ExitCode;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeWorkspaces;
import io.devws.cli.workspace.WorkspaceRef;
import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "logs",
        description = "Print the log of a workspace's SSH sidecar (or of its dev container), optionally following it.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws logs ws                           # the SSH sidecar's log (container devws-sshd)",
            "  devws logs ws -f --since 10m            # the last ten minutes, then follow until Ctrl-C",
            "  devws logs ws --container dev --tail 50 # the dev container's last 50 lines"})
public final class LogsCommand implements Callable<Integer> {
    /** Which container: the sidecar ({@code sshd}) or the user's ({@code dev}). */
    enum Container {
        sshd(SidecarContract.SIDECAR_CONTAINER), dev(SidecarContract.DEV_CONTAINER);

        final String name;

        Container(String name) {
            this.name = name;
        }
    }

    @Spec
    CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Parameters(index = "0", paramLabel = "WORKSPACE", description = "NAME or NAME.NAMESPACE.")
    String workspace;
    @Option(names = {"-c", "--container"}, paramLabel = "sshd|dev", defaultValue = "sshd",
            description = "Whose log: sshd, the SSH sidecar (default), or dev, the workspace's own container.")
    Container container;
    @Option(names = {"-f", "--follow"}, description = "Keep printing the log as it grows, until the pod ends or Ctrl-C.")
    boolean follow;
    @Option(names = "--since", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "Only lines newer than this, e.g. 90s, 10m, 1h30m.")
    Duration since;
    @Option(names = "--tail", paramLabel = "LINES", description = "Only the last LINES lines.")
    Integer tail;

    @Override
    public Integer call() throws IOException {
        WorkspaceRef ref = WorkspaceRef.parse(workspace);
        try (KubeConnection connection = KubeConnection.open(kube.resolved().inNamespace(ref.namespace()))) {
            KubeWorkspaces workspaces = connection.workspaces();
            DevWorkspace ws = workspaces.require(ref.name());
            String pod = ws.getStatus() == null ? null : ws.getStatus().getPodName();
            if (pod == null) {
                throw new DevwsException("workspace " + ref + " has no pod (it is stopped or starting): start it with `devws up "
                        + ref.name() + "`, then see `devws status " + ref.name() + "`", ExitCode.USER_ERROR);
            }
            // no wait for readiness: Fabric8 waits with a pod informer, which needs `list pods` and logs a stack
            // trace when refused; a crash-looping sidecar's log is what the user came for anyway
            Loggable log = workspaces.call("get", "pods/log", () -> select(connection.client().pods().inNamespace(connection.namespace())
                    .withName(pod).inContainer(container.name).withReadyWaitTimeout(0)));
            PrintWriter out = spec.commandLine().getOut();
            if (follow) {
                try (LogWatch watch = workspaces.call("get", "pods/log", log::watchLog)) {
                    copy(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8), out);
                }
            } else {
                copy(workspaces.call("get", "pods/log", log::getLogReader), out);
            }
        }
        return 0;
    }

    private Loggable select(ContainerResource resource) {
        if (since != null && tail != null) {
            return resource.sinceSeconds(seconds(since)).tailingLines(tail);
        }
        if (since != null) {
            return resource.sinceSeconds(seconds(since));
        }
        return tail != null ? resource.tailingLines(tail) : resource;
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
    }

    /** Line by line, flushed, so that -f shows each line as it comes. */
    private static void copy(Reader in, PrintWriter out) {
        char[] buffer = new char[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
