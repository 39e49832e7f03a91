package io.devws.cli.command;

import io.devws.cli.output.Ages;
import io.devws.cli.output.Documents;
import io.devws.cli.output.OutputFormat;
import io.devws.cli.output.Table;
import io.devws.cli.workspace.WorkspaceInfo;
import io.devws.cli.workspace.WorkspaceView;
import io.devws.model.DevWorkspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Workspaces in kubectl's output formats: tables (plain, wide, with a NAMESPACE column for -A), names, documents. */
final class WorkspacePrinter {
    /** As {@code kubectl get -o name} names a custom resource: kind (lower case) dot group, slash, name. */
    static final String NAME_PREFIX = "devworkspace." + DevWorkspace.GROUP + "/";
    private final OutputFormat format;
    private final boolean headers;
    private final boolean allNamespaces;
    private final Instant now;

    WorkspacePrinter(OutputOption output, boolean allNamespaces, Instant now) {
        this.format = output.format;
        this.headers = !output.noHeaders;
        this.allNamespaces = allNamespaces;
        this.now = now;
    }

    /** Several workspaces: one table, one name a line, or one {@code kind: List} document. */
    String list(List<WorkspaceView> views) {
        return switch (format.kind()) {
            case table, wide -> table(views, headers);
            case name -> names(views);
            default -> Documents.render(Documents.list(views.stream().map(WorkspaceView::document).toList()), format);
        };
    }

    /** One workspace as a document is the object itself ({@code status NAME -o json}). */
    String one(WorkspaceView view) {
        return format.isDocument() ? Documents.render(view.document(), format) : list(List.of(view));
    }

    /** A change seen by --watch: a table row without header, a name, or the object (YAML documents separated by ---). */
    String change(WorkspaceView view) {
        return switch (format.kind()) {
            case table, wide -> table(List.of(view), false);
            case yaml -> "---\n" + one(view);
            default -> one(view);
        };
    }

    private String names(List<WorkspaceView> views) {
        StringBuilder out = new StringBuilder();
        views.forEach(v -> out.append(NAME_PREFIX).append(v.info().name()).append('\n'));
        return out.toString();
    }

    private String table(List<WorkspaceView> views, boolean withHeaders) {
        boolean wide = format.kind() == OutputFormat.Kind.wide;
        List<String> columns = new ArrayList<>();
        if (allNamespaces) {
            columns.add("NAMESPACE");
        }
        columns.addAll(List.of("NAME", "PHASE", "IMAGE", "POD", "AGE"));
        if (wide) {
            columns.addAll(List.of("HOST KEY", "LAST ACTIVITY", "MESSAGE"));
        }
        Table table = new Table(columns.toArray(String[]::new));
        for (WorkspaceView view : views) {
            WorkspaceInfo i = view.info();
            List<String> cells = new ArrayList<>();
            if (allNamespaces) {
                cells.add(i.namespace());
            }
            cells.addAll(java.util.Arrays.asList(i.name(), i.phase(), i.image(), i.pod(),
                    i.created() == null ? "" : Ages.since(Instant.parse(i.created()), now)));
            if (wide) {
                cells.addAll(java.util.Arrays.asList(i.hostKeyFingerprint(), i.lastActivityTime(), i.message()));
            }
            table.row(cells.toArray(String[]::new));
        }
        return table.render(withHeaders);
    }

    /** For --local: the summary is the document. */
    static WorkspaceView local(WorkspaceInfo info) {
        Map<String, Object> document = Documents.toMap(info);
        return new WorkspaceView(info, document);
    }
}
