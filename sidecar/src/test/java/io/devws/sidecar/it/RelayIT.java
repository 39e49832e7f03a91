package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.sidecar.it.SidecarProcesses.Result;
import io.devws.testing.StartedProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-connection relay of {@code ssh-server --stdio} to a running daemon (real OpenSSH, the built
 * launcher): perl by default, the JVM bridge with DEVWS_BRIDGE=jvm; both carry every byte both ways.
 */
class RelayIT {
    @TempDir
    Path tmp;
    SidecarProcesses sp;

    @AfterEach
    void stop() {
        if (sp != null) {
            sp.close();
        }
    }

    /** The commands under the ssh process (its ProxyCommand tree) while a session is open. */
    private static List<String> proxyTree(Process ssh) {
        return ssh.toHandle().descendants().map(h -> h.info().commandLine().orElse(h.info().command().orElse("?"))).toList();
    }

    private List<String> relayDuringASession(Optional<String> bridge) throws Exception {
        ProcessBuilder pb = sp.builder(sp.ssh(List.of(), "sleep 3"));
        bridge.ifPresent(b -> pb.environment().put("DEVWS_BRIDGE", b));
        Process ssh = sp.start(pb);
        List<String> tree = List.of();
        for (int i = 0; i < 50 && tree.stream().noneMatch(c -> c.contains("devws-relay.pl") || c.contains("bridge-only")); i++) {
            StartedProcesses.sleep(100);
            tree = proxyTree(ssh);
        }
        assertThat(ssh.waitFor()).isZero();
        return tree;
    }

    @Test
    void perlRelaysByDefaultAndTheJvmBridgeOnRequest() throws Exception {
        sp = new SidecarProcesses(tmp);
        sp.startDaemon();
        List<String> perl = relayDuringASession(Optional.empty());
        assertThat(perl).anyMatch(c -> c.matches("\\S*perl .*devws-relay\\.pl .*"))
                .noneMatch(c -> c.contains("java"));
        List<String> jvm = relayDuringASession(Optional.of("jvm"));
        assertThat(jvm).anyMatch(c -> c.contains("java") && c.contains("-Ddevws.bridge-only=true"))
                .noneMatch(c -> c.contains("devws-relay.pl"));
    }

    @Test
    void bytesCrossThePerlRelayIntactBothWaysAndStdinEofEndsTheCommand() throws Exception {
        sp = new SidecarProcesses(tmp);
        sp.startDaemon();
        byte[] data = new byte[8 << 20];
        new Random(7).nextBytes(data);
        Path file = Files.write(tmp.resolve("data"), data);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        Result up = sp.run(sp.builder(sp.ssh(List.of(), "sha256sum")).redirectInput(file.toFile()));
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).startsWith(sha);
        Result down = sp.run(sp.ssh(List.of(), "cat '" + file + "' | sha256sum; exit 7"));
        assertThat(down.code()).isEqualTo(7);
        assertThat(down.out()).startsWith(sha);
    }

    @Test
    void aStaleSocketMeansTheInProcessServerStillAnswers() throws Exception {
        sp = new SidecarProcesses(tmp);
        // a socket file nobody listens on (a daemon that died): the relay exits 75, the launcher runs the in-process server
        Files.createDirectories(sp.socket.getParent());
        try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(java.net.UnixDomainSocketAddress.of(sp.socket));
        }
        assertThat(sp.socket).exists();
        Result r = sp.run(sp.ssh(List.of(), "echo in-process"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("in-process\n");
    }
}
