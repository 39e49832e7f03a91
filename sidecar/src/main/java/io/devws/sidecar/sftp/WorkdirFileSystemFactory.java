package io.devws.sidecar.sftp;

import java.nio.file.Path;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

/**
 * The real file system, with SFTP's starting directory at the workspace ({@code --workdir}), so
 * {@code scp f ws.devws:} lands where sessions start. Absolute paths reach the whole file system.
 */
public final class WorkdirFileSystemFactory extends NativeFileSystemFactory {
    private final Path start;

    public WorkdirFileSystemFactory(Path start) {
        this.start = start.toAbsolutePath();
    }

    @Override
    public Path getUserHomeDir(SessionContext session) {
        return start;
    }
}
