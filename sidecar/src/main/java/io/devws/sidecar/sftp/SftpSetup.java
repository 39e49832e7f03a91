package io.devws.sidecar.sftp;

import java.nio.file.Path;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** The {@code sftp} subsystem (also what OpenSSH 9 {@code scp} uses), rooted at the start directory. */
public final class SftpSetup {
    private SftpSetup() {
    }

    public static void apply(SshServer sshd, Path start) {
        sshd.setFileSystemFactory(new WorkdirFileSystemFactory(start));
        sshd.setSubsystemFactories(java.util.List.of(new SftpSubsystemFactory.Builder().build()));
    }
}
