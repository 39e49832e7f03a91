package io.devws.cli.workspace;

import java.util.Map;

/**
 * A workspace as {@code list} and {@code status} print it: the summary for tables, and the document for
 * {@code -o json|yaml|jsonpath} (the DevWorkspace object as the API server returned it; for --local, the summary).
 */
public record WorkspaceView(WorkspaceInfo info, Map<String, Object> document) {
}
