package io.devws.cli.workspace;

import io.devws.model.WorkspaceNames;

/**
 * A workspace as the user names it: {@code NAME}, {@code NAME.NAMESPACE}, or the ssh host forms
 * {@code NAME.SUFFIX} / {@code NAME.NAMESPACE.SUFFIX} (suffix {@code devws} by default), so one
 * {@code Host *.devws} entry with {@code %h} serves every workspace. A namespace literally named
 * like the suffix must use the long host form ({@code ws.devws.devws}).
 *
 * @param namespace null for the current namespace of the kubeconfig context (or -n)
 */
public record WorkspaceRef(String name, String namespace) {
    public static final String DEFAULT_SUFFIX = "devws";

    public static WorkspaceRef parse(String text) {
        return parse(text, DEFAULT_SUFFIX);
    }

    public static WorkspaceRef parse(String text, String suffix) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing workspace: give NAME, NAME.NAMESPACE or NAME[.NAMESPACE]." + suffix);
        }
        String rest = text.toLowerCase(java.util.Locale.ROOT);
        if (rest.endsWith("." + suffix)) {
            rest = rest.substring(0, rest.length() - suffix.length() - 1);
        }
        String[] parts = rest.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("cannot read workspace '" + text + "': use NAME, NAME.NAMESPACE or NAME[.NAMESPACE]."
                    + suffix + " (a workspace name has no dots)");
        }
        String name = parts[0];
        String namespace = parts.length == 2 ? parts[1] : null;
        WorkspaceNames.of(name).problem().ifPresent(p -> {
            throw new IllegalArgumentException("workspace '" + text + "': " + p);
        });
        if (namespace != null && !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("workspace '" + text + "': namespace '" + namespace
                    + "' is not a valid namespace name (lower-case letters, digits and '-')");
        }
        return new WorkspaceRef(name, namespace);
    }

    @Override
    public String toString() {
        return namespace == null ? name : name + "." + namespace;
    }
}
