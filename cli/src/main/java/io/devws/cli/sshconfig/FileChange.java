package io.devws.cli.sshconfig;

import java.nio.file.Path;

/** One file config-ssh would write: its content now ({@code null}: missing) and afterwards. */
public record FileChange(Path path, String before, String after) {
    public boolean changes() {
        return !after.equals(before);
    }

    public String diff() {
        return LineDiff.unified(path.toString(), before == null ? "" : before, after);
    }
}
