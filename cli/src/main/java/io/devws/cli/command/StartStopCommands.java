package io.devws.cli.command;

import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code start}, {@code stop} and {@code delete}: one request each, no waiting. */
public final class StartStopCommands {
    private StartStopCommands() {
    }

    @Command(name = "start", description = "Start a stopped workspace (spec.started: true); its storage was kept.",
            footerHeading = "%nExamples:%n", footer = {"  devws start ws && devws up ws           # start, then wait until SSH is ready"})
    public static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KubeOptions kube;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (KubeConnection c = KubeConnection.open(kube.resolved())) {
                c.workspaces().setStarted(name, true);
                spec.commandLine().getOut().println("workspace " + name + " starting; wait for it with: devws up " + name);
            }
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop a workspace: its pod goes away, its storage stays.",
            footerHeading = "%nExamples:%n", footer = {"  devws stop ws", "  devws stop --local ws"})
    public static final class Stop extends BackendCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int onLocal(LocalWorkspaces store) {
            out().println(store.stop(name) ? "local workspace " + name + " stopped" : "local workspace " + name + " was not running");
            return 0;
        }

        @Override
        int onCluster(KubeConnection cluster) {
            cluster.workspaces().setStarted(name, false);
            out().println("workspace " + name + " stopping (storage kept)");
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a workspace and its storage.",
            footerHeading = "%nExamples:%n", footer = {"  devws delete ws -n team", "  devws delete --local ws"})
    public static final class Delete extends BackendCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int onLocal(LocalWorkspaces store) {
            store.delete(name);
            out().println("local workspace " + name + " deleted");
            return 0;
        }

        @Override
        int onCluster(KubeConnection cluster) {
            cluster.workspaces().delete(name);
            out().println("workspace " + name + " deleted");
            return 0;
        }
    }
}
