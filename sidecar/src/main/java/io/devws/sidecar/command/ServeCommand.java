package io.devws.sidecar.command;

import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.server.Daemon;
import io.devws.sidecar.server.SessionExecutors;
import io.devws.sidecar.server.SidecarServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the resident SSH daemon on a Unix socket (the sidecar container's main process).")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws Exception {
        SidecarConfig config = options.toConfig();
        Daemon daemon = Daemon.start(config, () -> SidecarServer.start(config, SessionExecutors.create(config), true));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "devws-shutdown"));
        stopped.await();
        return 0;
    }
}
