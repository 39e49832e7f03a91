package io.devws.cli.command;

import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.output.Ages;
import io.devws.cli.output.OutputFormat;
import io.devws.cli.output.Serializer;
import io.devws.cli.output.Table;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.WorkspaceInfo;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", aliases = "ls", description = "List workspaces: name, phase, image, pod, age.")
public final class ListCommand extends BackendCommand {
    @Mixin
    OutputOption output;

    @Override
    int onLocal(LocalWorkspaces store) {
        return print(store.list().stream().map(store::info).toList());
    }

    @Override
    int onCluster(KubeConnection cluster) {
        return print(cluster.workspaces().list().stream().map(WorkspaceInfo::of).toList());
    }

    private int print(List<WorkspaceInfo> infos) {
        out().print(render(infos, output.format, Instant.now()));
        return 0;
    }

    static String render(List<WorkspaceInfo> infos, OutputFormat format, Instant now) {
        if (format != OutputFormat.table) {
            return Serializer.render(infos, format);
        }
        Table table = new Table("NAME", "PHASE", "IMAGE", "POD", "AGE");
        for (WorkspaceInfo i : infos) {
            table.row(i.name(), i.phase(), i.image(), i.pod(), i.created() == null ? "" : Ages.since(Instant.parse(i.created()), now));
        }
        return table.render();
    }
}
