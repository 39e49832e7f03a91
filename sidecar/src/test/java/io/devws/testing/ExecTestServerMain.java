package io.devws.testing;

import io.devws.model.DevWorkspace;
import io.devws.model.SshStatus;
import java.nio.file.Files;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The exec test server as a process, for benchmarks and manual runs: creates a Running workspace
 * and writes a kubeconfig, then serves until killed. With {@code DEVWS_TEST_HOST_KEY_FILE} (a .pub file)
 * the workspace's status publishes that host key, as the operator's does.
 * Usage: {@code ExecTestServerMain KUBECONFIG NAMESPACE WORKSPACE [CONTAINER:NAME=VALUE]...}
 */
public final class ExecTestServerMain {
    private ExecTestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ExecTestServerMain KUBECONFIG NAMESPACE WORKSPACE [CONTAINER:NAME=VALUE]...");
            System.exit(2);
        }
        ExecTestServer server = ExecTestServer.start();
        Map<String, Map<String, String>> env = new HashMap<>();
        for (int i = 3; i < args.length; i++) {
            int colon = args[i].indexOf(':');
            int eq = args[i].indexOf('=', colon);
            env.computeIfAbsent(args[i].substring(0, colon), c -> new HashMap<>())
                    .put(args[i].substring(colon + 1, eq), args[i].substring(eq + 1));
        }
        env.forEach(server::environment);
        try (KubernetesClient client = server.client()) {
            DevWorkspace ws = TestWorkspaces.running(client, args[1], args[2]);
            String keyFile = System.getenv("DEVWS_TEST_HOST_KEY_FILE");
            if (keyFile != null) {
                SshStatus ssh = new SshStatus();
                ssh.setHostPublicKey(Files.readString(Path.of(keyFile)).trim());
                ws.getStatus().setSsh(ssh);
                client.resources(DevWorkspace.class).inNamespace(args[1]).resource(ws).updateStatus();
            }
        }
        server.writeKubeconfig(Path.of(args[0]), args[1]);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        System.err.println("exec test server at " + server.url() + "; kubeconfig " + args[0]);
        stop.await();
    }
}
