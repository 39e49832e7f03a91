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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", aliases = "ls", description = "List workspaces: name, phase, image, pod, age.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Mixin
    LocalOption local;
    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        List<WorkspaceInfo> infos;
        if (local.local) {
            LocalWorkspaces store = LocalWorkspaces.forUser();
            infos = store.list().stream().map(store::info).toList();
        } else {
            try (KubeConnection c = KubeConnection.open(kube)) {
                infos = c.workspaces().list().stream().map(WorkspaceInfo::of).toList();
            }
        }
        spec.commandLine().getOut().print(render(infos, output.format, Instant.now()));
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
