package io.devws.sidecar.command;

import io.devws.sidecar.session.host.ExecHostStarter;
import io.devws.sidecar.session.host.HostStartCommand;
import io.devws.sidecar.session.kube.KubeTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The session host's start exec, run by the daemon in a child JVM ({@code session/host/ChildHostStarter}) so that
 * the daemon itself never loads the Kubernetes client for it. Exit 0 once the host listens; otherwise exit 1 with
 * the reason as the last line on stderr.
 */
@Command(name = "start-host", hidden = true,
        description = "Start the session host in the dev container with one exec (the daemon's child process).")
public final class StartHostCommand implements Callable<Integer> {
    @Option(names = "--launcher", required = true, description = "The host's launcher in the dev container.")
    String launcher;

    @Option(names = "--socket", required = true, description = "The host's socket.")
    Path socket;

    @Option(names = "--allow-uid", required = true, description = "The only uid the host accepts (the daemon's).")
    long allowUid;

    @Override
    public Integer call() {
        KubeTarget target = KubeTarget.fromEnvironment(System.getenv());
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            Optional<String> failure = new ExecHostStarter(client, target, new HostStartCommand(launcher, socket, allowUid)).start();
            failure.ifPresent(System.err::println);
            return failure.isPresent() ? 1 : 0;
        }
    }
}
