package io.devws.cli.command;

import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.output.OutputFormat;
import io.devws.cli.output.Serializer;
import io.devws.cli.output.Table;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.WorkspaceInfo;
import io.devws.model.Condition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Show a workspace: phase, conditions, host key fingerprint, last activity, session path.")
public final class StatusCommand extends BackendCommand {
    @Mixin
    OutputOption output;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    int onLocal(LocalWorkspaces store) {
        return print(store.info(store.require(name)));
    }

    @Override
    int onCluster(KubeConnection cluster) {
        return print(WorkspaceInfo.of(cluster.workspaces().require(name)));
    }

    private int print(WorkspaceInfo info) {
        out().print(render(info, output.format));
        return 0;
    }

    static String render(WorkspaceInfo info, OutputFormat format) {
        if (format != OutputFormat.table) {
            return Serializer.render(info, format);
        }
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
