package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSH's own server, {@code sshd -i} as ProxyCommand, so a test can run the same command against
 * it and against devws side by side and compare what the ssh client reports.
 */
final class ReferenceSshd {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final SidecarProcesses sp;
    private final Path config;

    private ReferenceSshd(SidecarProcesses sp, Path config) {
        this.sp = sp;
        this.config = config;
    }

    static ReferenceSshd create(SidecarProcesses sp) throws IOException, InterruptedException {
        assertThat(SSHD).as("OpenSSH's sshd (Debian: openssh-server) is the reference of this test").isExecutable();
        Path dir = Files.createDirectories(sp.dir.resolve("sshd"));
        Path key = dir.resolve("host_key");
        assertThat(sp.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())).code()).isZero();
        Files.copy(Path.of(sp.userKey + ".pub"), dir.resolve("authorized_keys"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "HostKey " + key, "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no", "UsePAM no", "PermitRootLogin yes", "PidFile none", "LogLevel ERROR", ""));
        Files.createDirectories(Path.of("/run/sshd")); // its privilege-separation directory
        return new ReferenceSshd(sp, config);
    }

    /** {@code ssh OPTIONS... extra... ws remote} against sshd instead of devws. */
    List<String> ssh(List<String> extra, String remote) {
        List<String> cmd = new ArrayList<>(List.of("ssh"));
        for (String o : sp.sshOptions()) {
            cmd.add(o.startsWith("ProxyCommand=") ? "ProxyCommand=" + SSHD + " -i -f " + config : o);
        }
        cmd.addAll(extra);
        cmd.add("ws");
        cmd.add(remote);
        return cmd;
    }
}
