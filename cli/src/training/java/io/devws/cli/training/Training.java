package io.devws.cli.training;

import io.devws.cli.command.DevwsCommand;
import io.devws.cli.output.Documents;
import io.devws.cli.startup.ProxyFastPath;
import io.devws.cli.tunnel.KubeTunnels;
import io.devws.cli.tunnel.StdioPump;
import io.devws.cli.tunnel.Tunnel;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.workspace.UpRequest;
import io.devws.cli.workspace.WorkspaceInfo;
import io.devws.cli.workspace.WorkspaceRef;
import io.devws.model.DevWorkspace;
import io.devws.transport.exec.ExecSpec;
import io.devws.transport.keys.HostKeys;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.security.KeyPair;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The build runs this once with {@code -XX:ArchiveClassesAtExit} (Java 17 AppCDS) or
 * {@code -XX:AOTCacheOutput} (Java 25), so the classes of a {@code devws} start-up are archived:
 * the command line, the ProxyCommand paths (Fabric8 exec, local socket), MINA, JSON. It touches
 * no network and no files; it only loads and initialises classes.
 */
public final class Training {
    private static final String[] CLASSES = {
        "io.devws.cli.tunnel.StdioPump", "io.devws.cli.tunnel.KubeTunnels", "io.devws.cli.tunnel.KubeExecTunnel",
        "io.devws.cli.tunnel.ReadyPod", "io.devws.cli.tunnel.ExecErrors", "io.devws.cli.local.LocalTunnel",
        "io.devws.cli.local.LocalDaemon", "io.devws.cli.client.BuiltinClient", "io.devws.cli.client.SshConnection",
        "io.devws.cli.command.CliErrors", "io.devws.cli.tunnel.TunnelException", "io.devws.transport.exec.PodExec",
        "io.devws.transport.exec.ChannelInput", "io.devws.transport.exec.ExecSpec",
    };

    private Training() {
    }

    public static void main(String[] args) throws Exception {
        proxyCommandAgainstTrainingServer();
        ProxyFastPath.of(new String[] {"ssh", "--stdio", "ws.team.devws"}).orElseThrow().commandLine()
                .parseArgs("--stdio", "ws.team.devws");
        ProxyFastPath.of(new String[] {"ssh", "--local", "--stdio", "demo.local.devws"}).orElseThrow().commandLine()
                .parseArgs("--local", "--stdio", "demo.local.devws");
        var cmd = DevwsCommand.commandLine();
        cmd.parseArgs("list", "--local");
        cmd.getUsageMessage();
        for (String name : CLASSES) {
            Class.forName(name, true, Training.class.getClassLoader());
        }
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withNamespace("training").build()).build()) {
            client.resources(DevWorkspace.class).inNamespace("training").withName("ws");
            new ExecSpec("training", "ws", "devws-sshd", java.util.List.of("true"), true, true, false).uri(client.getMasterUrl());
            DevWorkspace ws = new UpRequest("ws", "training", "debian:bookworm", null, null, false, null).toResource();
            Documents.json(WorkspaceInfo.of(ws));
            client.getKubernetesSerialization().asJson(ws);
        }
        KeyPair pair = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
        HostKeys.fingerprint(pair.getPublic());
        SshClient ssh = SshClient.setUpDefaultClient();
        ssh.start();
        ssh.stop();
        SocketChannel.open(StandardProtocolFamily.UNIX).close();
        System.exit(0);
    }

    /**
     * The real ProxyCommand path (kubeconfig, TLS with a CA, one GET, the exec stream, the pumps)
     * against {@link TrainingServer}. Best effort: a failure only leaves those classes out of the archive.
     */
    private static void proxyCommandAgainstTrainingServer() {
        try (TrainingServer server = TrainingServer.start()) {
            KubeOptions options = new KubeOptions();
            options.kubeconfig = server.kubeconfig().toString();
            WorkspaceRef ref = WorkspaceRef.parse(TrainingServer.WORKSPACE + "." + TrainingServer.NAMESPACE + ".devws",
                    WorkspaceRef.DEFAULT_SUFFIX);
            // as the ProxyCommand opens it: the status key read beside the pod look-up, then pinned
            java.nio.file.Path knownHosts = java.nio.file.Files.createTempFile("devws-training", ".known_hosts");
            io.devws.cli.sshconfig.PinnedHostKeys pinned = new io.devws.cli.sshconfig.PinnedHostKeys(knownHosts);
            pinned.refresh(new io.devws.cli.sshconfig.KnownHostsEntry(java.util.List.of("ws.training.devws"), "ssh-ed25519 AAAAtraining"));
            io.devws.cli.tunnel.HostKeyPin pin = new io.devws.cli.tunnel.HostKeyPin(pinned, "ws.training.devws", WorkspaceRef.DEFAULT_SUFFIX);
            io.devws.cli.tunnel.ReadyPod.Wait wait = new io.devws.cli.tunnel.StdioTarget(options, ref, "ws.training.devws",
                    WorkspaceRef.DEFAULT_SUFFIX, false, false, Duration.ofSeconds(10)).wait(null, false);
            Thread run = new Thread(() -> {
                try (Tunnel tunnel = KubeTunnels.open(options, ref, wait, pin, System.err)) {
                    StdioPump.run(tunnel, new IdleInput(), OutputStream.nullOutputStream());
                }
            }, "devws-training");
            run.setDaemon(true);
            run.start();
            run.join(30_000);
            java.nio.file.Files.deleteIfExists(knownHosts);
            java.nio.file.Files.deleteIfExists(knownHosts.resolveSibling(knownHosts.getFileName() + ".lock"));
        } catch (Exception | Error e) {
            System.err.println("devws training: the ProxyCommand path was not trained (" + e + "); the archive is smaller");
        }
    }

    /** Stdin of a client that has not typed yet: reads block until the pump is abandoned. */
    private static final class IdleInput extends InputStream {
        @Override
        public int read() {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
