package io.devws.cli.command;

import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.output.OutputFormat;
import io.devws.cli.output.Serializer;
import io.devws.cli.output.Table;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.WorkspaceInfo;
import io.devws.model.Condition;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", description = "Show a workspace: phase, conditions, host key fingerprint, last activity.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Mixin
    LocalOption local;
    @Mixin
    OutputOption output;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        WorkspaceInfo info;
        if (local.local) {
            LocalWorkspaces store = LocalWorkspaces.forUser();
            info = store.info(store.require(name));
        } else {
            try (KubeConnection c = KubeConnection.open(kube)) {
                info = WorkspaceInfo.of(c.workspaces().require(name));
            }
        }
        spec.commandLine().getOut().print(render(info, output.format));
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
