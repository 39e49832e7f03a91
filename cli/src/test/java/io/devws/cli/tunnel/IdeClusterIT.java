package io.devws.cli.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.ContainerSpec;
import io.devws.model.DevWorkspace;
import io.devws.model.SshStatus;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devws code} / {@code devws open --ide jetbrains} on a cluster workspace (the exec test server, see
 * {@link FullPath}): the host is {@code NAME.NAMESPACE.devws}, the folder the workspace's working directory, and the
 * SSH side is checked with real OpenSSH through the config config-ssh wrote (ssh -G, then {@code ssh HOST true}
 * through the ProxyCommand, the exec and the sidecar). VS Code is not installed here: a recording {@code code}
 * script on PATH writes the argv it was given.
 */
@Timeout(240)
class IdeClusterIT {
    @TempDir
    Path dir;
    FullPath path;
    Path argv;
    Map<String, String> env;

    @BeforeEach
    void configSshOnce() throws Exception {
        path = new FullPath(dir, FullPath.SHORT_KEEPALIVE);
        path.startDaemon();
        DevWorkspace ws = workspace().get();
        ws.getStatus().setSsh(new SshStatus());
        ws.getStatus().getSsh().setHostPublicKey(path.hostPublicKey());
        workspace().updateStatus(ws);
        FullPath.Result config = path.run(List.of(FullPath.CLI.toString(), "config-ssh", "--kubeconfig", path.kubeconfig.toString()), null);
        assertThat(config.code()).as(config.err()).isZero();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        argv = dir.resolve("argv.txt");
        Path code = bin.resolve("code");
        Files.writeString(code, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + argv + "'\n");
        Files.setPosixFilePermissions(code, PosixFilePermissions.fromString("rwx------"));
        // the ProxyCommand ssh runs finds the cluster through $KUBECONFIG, as the IDE's would
        env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "KUBECONFIG", path.kubeconfig.toString());
    }

    @AfterEach
    void stop() {
        path.close();
    }

    private FullPath.Result devws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(FullPath.CLI.toString()));
        cmd.addAll(List.of(args));
        return path.run(cmd, env);
    }

    private Resource<DevWorkspace> workspace() {
        return path.client.resources(DevWorkspace.class).inNamespace(FullPath.NS).withName("ws");
    }

    @Test
    void codeOpensTheNamespacedHostOnTheWorkingDirectory() throws Exception {
        FullPath.Result r = devws("code", "ws");
        assertThat(r.code()).as(r.err() + path.daemonLog()).isZero();
        assertThat(Files.readAllLines(argv)).containsExactly("--remote", "ssh-remote+ws.team.devws", "/workspace");

        workspace().edit(ws -> {
            ContainerSpec container = ws.getSpec().getContainer() == null ? new ContainerSpec() : ws.getSpec().getContainer();
            container.setWorkingDir("/workspace/app");
            ws.getSpec().setContainer(container);
            return ws;
        });
        FullPath.Result sub = devws("code", "ws.team", "src");
        assertThat(sub.code()).as(sub.err()).isZero();
        assertThat(Files.readAllLines(argv)).containsExactly("--remote", "ssh-remote+ws.team.devws", "/workspace/app/src");

        FullPath.Result gateway = devws("open", "ws", "--ide", "jetbrains");
        assertThat(gateway.code()).as(gateway.err()).isZero();
        assertThat(gateway.out()).isEqualTo("jetbrains-gateway://connect#type=ssh&deploy=true&host=ws.team.devws&port=22&user="
                + System.getProperty("user.name") + "&projectPath=%2Fworkspace%2Fapp\n");
    }

    @Test
    void aStoppedWorkspaceThatMustStayStoppedIsOneLineBeforeTheIde() throws Exception {
        path.client.pods().inNamespace(FullPath.NS).withName(io.devws.model.WorkspaceNames.of("ws").pod()).delete();
        workspace().edit(ws -> {
            ws.getSpec().setStarted(false);
            return ws;
        });
        DevWorkspace stopped = workspace().get();
        stopped.getStatus().setPhase(io.devws.model.Phase.Stopped);
        stopped.getStatus().setPodName(null);
        workspace().updateStatus(stopped);
        FullPath.Result r = path.run(List.of(FullPath.CLI.toString(), "code", "ws"),
                Map.of("PATH", env.get("PATH"), "KUBECONFIG", env.get("KUBECONFIG"), "DEVWS_START_ON_CONNECT", "false"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("devws: `ssh ws.team.devws true` fails (exit 255: workspace ws in namespace team is stopped:"
                + " run `devws start ws` (DEVWS_START_ON_CONNECT=false keeps it stopped on connect)): run `devws doctor ws`\n");
        assertThat(argv).doesNotExist();
    }

    @Test
    void doctorSeesTheOpenSshSideOfTheClusterHost() throws Exception {
        FullPath.Result r = devws("doctor", "ws");
        assertThat(r.out()).contains("✔ ssh ws.team.devws goes through devws (ssh -G): ProxyCommand ",
                "- OpenSSH forwards your agent to ws.team.devws: skipped (agent forwarding is per workspace:"
                        + " `devws config-ssh --forward-agent ws.team`, or ssh -A)");

        FullPath.Result optIn = path.run(List.of(FullPath.CLI.toString(), "config-ssh", "--kubeconfig", path.kubeconfig.toString(),
                "--forward-agent", "ws.team"), null);
        assertThat(optIn.code()).as(optIn.err()).isZero();
        assertThat(devws("doctor", "ws").out())
                .contains("✔ OpenSSH forwards your agent to ws.team.devws: ssh -G shows forwardagent yes");
    }
}
