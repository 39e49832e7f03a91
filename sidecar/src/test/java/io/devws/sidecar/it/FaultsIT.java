package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.sidecar.it.SidecarProcesses.Result;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and faults, through the launcher: each ends with one clear line and the right exit code. */
class FaultsIT {
    @TempDir
    Path tmp;
    SidecarProcesses sp;

    @BeforeEach
    void start() throws Exception {
        sp = new SidecarProcesses(tmp);
    }

    @AfterEach
    void stop() {
        sp.close();
    }

    private Result sidecar(List<String> args, Path stdin) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(SidecarProcesses.LAUNCHER.toString()));
        cmd.addAll(args);
        return sp.run(sp.builder(cmd).redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile()));
    }

    @Test
    void versionPrintsTheVersion() throws Exception {
        assertThat(sidecar(List.of("version"), null).out()).startsWith("devws-sidecar 0.1.0");
    }

    @Test
    void garbageOnStdinEndsTheInProcessServerAndStdoutCarriesOnlySsh() throws Exception {
        Path garbage = tmp.resolve("garbage");
        Files.write(garbage, "this is not ssh\r\n\u0000\u0001\u0002 at all\r\n".repeat(50).getBytes());
        Result r = sidecar(List.of("ssh-server", "--stdio"), garbage);
        // the banner, maybe the binary KEXINIT, and no log text
        assertThat(r.out()).startsWith("SSH-2.0-").doesNotContain("INFO").doesNotContain("WARN").doesNotContain("devws");
        assertThat(r.err()).isNotBlank();
    }

    @Test
    void garbageOnOneConnectionLeavesTheDaemonServing() throws Exception {
        sp.startDaemon();
        Path garbage = tmp.resolve("garbage");
        Files.write(garbage, "SSH-2.0-bogus\r\n\u0000\u0000\u0000\u0008garbage!".repeat(20).getBytes());
        Result bad = sidecar(List.of("ssh-server", "--stdio"), garbage);
        assertThat(bad.out()).doesNotContain("INFO").doesNotContain("WARN"); // only SSH bytes, if any
        Result ok = sp.run(sp.ssh(List.of(), "echo still-serving"));
        assertThat(ok.out()).isEqualTo("still-serving\n");
        assertThat(sp.daemonLog().lines().filter(l -> l.contains("connection 1 ")))
                .singleElement().asString().contains("failed");
    }

    @Test
    void sigtermClosesSessionsAndRemovesTheSockets() throws Exception {
        Process daemon = sp.startDaemon();
        String mark = "sigterm-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Process ssh = sp.start(sp.builder(sp.ssh(List.of(), "export " + OpenSshIT.MARK + "=" + mark + "; exec sleep 300"))
                .redirectInput(new File("/dev/null")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> OpenSshIT.remoteProcesses(mark).size() == 1);
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(ssh.exitValue()).isEqualTo(255); // "closed by remote host"
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> OpenSshIT.remoteProcesses(mark).isEmpty());
        assertThat(sp.socket).doesNotExist();
        assertThat(sp.agentDir.resolve("agent.sock")).doesNotExist();
        assertThat(sp.daemonLog()).contains("stopped");
    }

    @Test
    void aSecondDaemonOnTheSameSocketRefusesToStart() throws Exception {
        sp.startDaemon();
        Result r = sidecar(List.of("serve"), null);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("devws-sidecar: another devws-sidecar daemon already serves")
                .doesNotContain("\n");
        assertThat(sp.run(sp.ssh(List.of(), "echo first-still-serves")).out()).isEqualTo("first-still-serves\n");
        assertThat(sp.agentDir.resolve("agent.sock")).exists();
    }

    @Test
    void anUnreadableHostKeyIsAClearError() throws Exception {
        Path key = tmp.resolve("bad_host_key");
        Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n");
        Result r = sidecar(List.of("serve", "--host-key", key.toString()), null);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("devws-sidecar: cannot load host key " + key);
        assertThat(sp.socket).doesNotExist();
    }

    @Test
    void anUnusableAgentDirIsAClearError() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Result r = sidecar(List.of("serve", "--agent-dir", file.resolve("agent").toString()), null);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("devws-sidecar: cannot create agent dir " + file.resolve("agent"));
    }

    @Test
    void anOpenSshHostKeyFromSshKeygenIsLoadedAndNeverRewritten() throws Exception {
        Path key = tmp.resolve("ssh_host_ed25519_key");
        sp.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
        key.toFile().setReadOnly();
        byte[] before = Files.readAllBytes(key);
        String pub = Files.readString(Path.of(key + ".pub")).split(" ")[1];
        // OpenSSH keeps the first value of an option: these come before the harness's defaults
        List<String> cmd = new java.util.ArrayList<>(List.of("ssh", "-o", "ProxyCommand=" + SidecarProcesses.LAUNCHER
                + " ssh-server --stdio --host-key " + key, "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + tmp.resolve("known_hosts")));
        cmd.addAll(sp.sshOptions());
        cmd.addAll(List.of("ws", "echo pinned"));
        Files.writeString(tmp.resolve("known_hosts"), "ws ssh-ed25519 " + pub + "\n");
        Result r = sp.run(cmd);
        assertThat(r.out()).as(r.err()).isEqualTo("pinned\n");
        assertThat(Files.readAllBytes(key)).isEqualTo(before);
    }
}
