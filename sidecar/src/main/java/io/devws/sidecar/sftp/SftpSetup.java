package io.devws.sidecar.sftp;

import io.devws.sidecar.session.SubsystemExecutor;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** The {@code sftp} subsystem (also what OpenSSH 9 {@code scp} uses), starting in the start directory. */
public final class SftpSetup {
    private SftpSetup() {
    }

    /** SFTP through the session host (the dev container's files, as its user); see {@link HostSftpFactory}. */
    public static void applyThroughHost(SshServer sshd, SubsystemExecutor executor, Path start) {
        sshd.setSubsystemFactories(List.of(new HostSftpFactory(executor, start.toString())));
    }

    public static void apply(SshServer sshd, Path start) {
        sshd.setFileSystemFactory(new WorkdirFileSystemFactory(start));
        sshd.setSubsystemFactories(List.of(new StartDirSftpFactory(start.toAbsolutePath().normalize())));
    }

    /** MINA starts SFTP in the JVM's working directory; relative paths should resolve in the workspace. */
    private static final class StartDirSftpFactory extends SftpSubsystemFactory {
        private final Path start;

        StartDirSftpFactory(Path start) {
            this.start = start;
        }

        @Override
        public Command createSubsystem(ChannelSession channel) {
            return new SftpSubsystem(channel, this) {
                {
                    defaultDir = start;
                }
            };
        }
    }
}
