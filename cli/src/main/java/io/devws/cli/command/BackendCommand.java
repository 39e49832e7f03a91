package io.devws.cli.command;

import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on either backend: {@code --local} (no cluster), or the cluster that the
 * kubectl-like flags name. The choice and the connection's lifetime live here, once.
 */
abstract class BackendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Mixin
    LocalOption local;

    @Override
    public Integer call() throws Exception {
        if (local.local) {
            return onLocal(LocalWorkspaces.forUser());
        }
        try (KubeConnection cluster = KubeConnection.open(connectionOptions())) {
            return onCluster(cluster);
        }
    }

    /** The flags the cluster connection opens with; a command may scope them to a namespace. */
    KubeOptions connectionOptions() {
        return kube.resolved();
    }

    abstract int onLocal(LocalWorkspaces store) throws Exception;

    abstract int onCluster(KubeConnection cluster) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
