package io.devws.sidecar.sftp;

import io.devws.sidecar.session.SessionCommand;
import io.devws.sidecar.session.SubsystemExecutor;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * The {@code sftp} subsystem when sessions run on the session host: the dev image's sftp-server,
 * started by the host as the dev user in the dev container. The sidecar's own files (its token,
 * the host key) stay out of reach, and uploads belong to the dev user.
 */
final class HostSftpFactory implements SubsystemFactory {
    private final SubsystemExecutor executor;
    private final String workdir;

    HostSftpFactory(SubsystemExecutor executor, String workdir) {
        this.executor = executor;
        this.workdir = workdir;
    }

    @Override
    public String getName() {
        return "sftp";
    }

    @Override
    public Command createSubsystem(ChannelSession channel) {
        return new SessionCommand(executor.subsystem("sftp"), "sftp", workdir);
    }
}
