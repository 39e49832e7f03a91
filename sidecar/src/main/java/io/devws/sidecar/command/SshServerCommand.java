package io.devws.sidecar.command;

import io.devws.sidecar.bridge.Bridge;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.server.SessionExecutors;
import io.devws.sidecar.server.SidecarServer;
import io.devws.sidecar.server.StdioServer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ssh-server", mixinStandardHelpOptions = true,
        description = "Speak SSH on stdin/stdout: bridge to the daemon on --socket, or serve in-process when none runs.")
public final class SshServerCommand implements Callable<Integer> {
    @Option(names = "--stdio", required = true, description = "Use stdin/stdout as the SSH connection.")
    boolean stdio;

    @Option(names = "--no-daemon", description = "Serve in-process even when a daemon runs.")
    boolean noDaemon;

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        SidecarConfig config = options.toConfig();
        if (!noDaemon) {
            SocketChannel daemon = Bridge.connect(config.socket());
            if (daemon != null) {
                return Bridge.run(daemon);
            }
        }
        try (SidecarServer server = SidecarServer.start(config, SessionExecutors.create(config), false)) {
            return StdioServer.serve(server);
        }
    }
}
