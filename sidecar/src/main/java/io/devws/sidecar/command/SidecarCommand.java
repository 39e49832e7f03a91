package io.devws.sidecar.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "devws-sidecar", mixinStandardHelpOptions = true, versionProvider = SidecarCommand.VersionProvider.class,
        description = "The devws workspace SSH server (Apache MINA SSHD).",
        subcommands = {ServeCommand.class, SshServerCommand.class, VersionCommand.class, TrainCommand.class, StartHostCommand.class})
public final class SidecarCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"devws-sidecar " + Version.get()};
        }
    }
}
