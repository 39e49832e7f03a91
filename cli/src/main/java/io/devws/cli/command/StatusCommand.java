package io.devws.cli.command;

import io.devws.cli.error.NotFoundException;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.output.OutputFormat;
import io.devws.cli.output.Table;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.KubeWorkspaces;
import io.devws.cli.workspace.WorkspaceInfo;
import io.devws.cli.workspace.WorkspaceView;
import io.devws.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status",
        description = "Show a workspace: phase, conditions, host key fingerprint, last activity, session path (or the object itself with -o json|yaml).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws status ws                         # a description of workspace ws",
            "  devws status ws -o json                 # the DevWorkspace object, as kubectl get devworkspace ws -o json",
            "  devws status ws -o jsonpath='{.status.phase}'",
            "  devws status ws -w                      # then again at each change until Ctrl-C",
            "  devws status ws -A                      # ws in whichever namespace it is"})
public final class StatusCommand extends BackendCommand {
    @Mixin
    OutputOption output;
    @Mixin
    ScopeOptions scope;
    @Parameters(index = "0", paramLabel = "NAME", description = "The workspace's name.")
    String name;

    @Override
    int onLocal(LocalWorkspaces store) {
        Watching.refuseLocal(scope);
        out().print(render(WorkspacePrinter.local(store.info(store.require(name)))));
        return 0;
    }

    @Override
    int onCluster(KubeConnection cluster) {
        KubeWorkspaces workspaces = cluster.workspaces();
        KubeWorkspaces.Listing listing;
        if (scope.allNamespaces) {
            KubeWorkspaces.Listing all = workspaces.views(true);
            listing = new KubeWorkspaces.Listing(all.items().stream().filter(v -> v.info().name().equals(name)).toList(), all.resourceVersion());
            if (listing.items().isEmpty()) {
                throw new NotFoundException("workspace " + name + " not found in any namespace: see `devws list -A`");
            }
        } else {
            WorkspaceView view = workspaces.view(name);
            listing = new KubeWorkspaces.Listing(List.of(view), resourceVersion(view));
        }
        listing.items().forEach(v -> out().print(render(v)));
        out().flush();
        if (scope.watch) {
            workspaces.watch(scope.allNamespaces, name, listing, v -> Watching.print(out(), change(v)));
        }
        return 0;
    }

    private String render(WorkspaceView view) {
        WorkspacePrinter printer = new WorkspacePrinter(output, scope.allNamespaces, Instant.now());
        return output.format.kind() == OutputFormat.Kind.table ? describe(view.info()) : printer.one(view);
    }

    private String change(WorkspaceView view) {
        return output.format.kind() == OutputFormat.Kind.table ? "\n" + describe(view.info())
                : new WorkspacePrinter(output, scope.allNamespaces, Instant.now()).change(view);
    }

    private static String resourceVersion(WorkspaceView view) {
        return view.document().get("metadata") instanceof Map<?, ?> m && m.get("resourceVersion") instanceof String v ? v : null;
    }

    static String describe(WorkspaceInfo info) {
        StringBuilder out = new StringBuilder();
        field(out, "Name", info.namespace() == null ? info.name() : info.name() + " (namespace " + info.namespace() + ")");
        field(out, "Backend", info.backend());
        field(out, "Phase", info.phase());
        field(out, "Image", info.image());
        field(out, "Pod", info.pod());
        field(out, "Host key", info.hostKeyFingerprint());
        field(out, "Last activity", info.lastActivityTime());
        if (WorkspaceInfo.CLUSTER.equals(info.backend())) {
            field(out, "Sessions", info.sessionPath());
        }
        field(out, "Message", info.message());
        if (!info.conditions().isEmpty()) {
            Table table = new Table("CONDITION", "STATUS", "REASON", "MESSAGE");
            for (Condition c : info.conditions()) {
                table.row(c.getType(), c.getStatus(), c.getReason(), c.getMessage());
            }
            out.append('\n').append(table.render());
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String label, String value) {
        out.append(String.format("%-14s %s%n", label + ":", value == null || value.isEmpty() ? "-" : value));
    }
}
