package io.devws.cli.command;

import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeWorkspaces;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", aliases = "ls",
        description = "List workspaces: name, phase, image, pod and age (with -o wide also the host key, last activity and message).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws list                              # the current namespace's workspaces",
            "  devws list -A -o wide                   # every namespace, more columns",
            "  devws list -o yaml                      # the DevWorkspace objects, as kubectl get devworkspaces -o yaml",
            "  devws list -o jsonpath='{.items[*].metadata.name}'",
            "  devws list -w                           # then print each change until Ctrl-C",
            "  devws list --local                      # workspaces without a cluster"})
public final class ListCommand extends BackendCommand {
    @Mixin
    OutputOption output;
    @Mixin
    ScopeOptions scope;

    @Override
    int onLocal(LocalWorkspaces store) {
        Watching.refuseLocal(scope);
        out().print(printer().list(store.list().stream().map(store::info).map(WorkspacePrinter::local).toList()));
        return 0;
    }

    @Override
    int onCluster(KubeConnection cluster) {
        KubeWorkspaces workspaces = cluster.workspaces();
        KubeWorkspaces.Listing listing = workspaces.views(scope.allNamespaces);
        WorkspacePrinter printer = printer();
        out().print(printer.list(listing.items()));
        out().flush();
        if (scope.watch) {
            workspaces.watch(scope.allNamespaces, null, listing, v -> Watching.print(out(), printer.change(v)));
        }
        return 0;
    }

    private WorkspacePrinter printer() {
        return new WorkspacePrinter(output, scope.allNamespaces, Instant.now());
    }
}
