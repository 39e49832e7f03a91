package io.devws.cli.ide;

/**
 * A workspace as an IDE reaches it.
 *
 * @param name        as the user gave it, for hints ({@code devws doctor NAME})
 * @param host        the ssh host, {@code NAME.NAMESPACE.SUFFIX} (or {@code NAME.local.SUFFIX})
 * @param workingDir  where a folder opens by default: the workspace's working directory
 * @param local       a --local workspace
 */
public record IdeTarget(String name, String host, String workingDir, boolean local) {
    /** {@code path} in the workspace: as given when absolute, else under the working directory; the working directory when null. */
    public String folder(String path) {
        if (path == null || path.isBlank() || path.equals(".")) {
            return workingDir;
        }
        if (path.startsWith("/")) {
            return path;
        }
        return (workingDir.endsWith("/") ? workingDir : workingDir + "/") + (path.startsWith("./") ? path.substring(2) : path);
    }

    public String doctorCommand() {
        return "devws doctor " + (local ? "--local " : "") + name;
    }
}
