package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.LocalWorkspaces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config-ssh against an existing complex ~/.ssh/config, checked with OpenSSH's own parser (ssh -G). */
class ConfigSshCommandIT {
    @TempDir
    Path home;
    Path userConfig;
    String original;

    @BeforeEach
    void existingConfig() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        userConfig = home.resolve(".ssh/config");
        try (InputStream in = getClass().getResourceAsStream("/sshconfig/user-config.txt")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(userConfig, original);
        Files.setPosixFilePermissions(userConfig, PosixFilePermissions.fromString("rw-r-----"));
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            new LocalWorkspaces(home).up("demo");
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    /** A config that cannot be written (immutable: root ignores file modes) fails in one line, before any write. */
    @Test
    void aReadOnlyConfigIsOneLineAndNothingIsWritten() throws Exception {
        assertThat(run("chattr", "+i", userConfig.toString())).isEmpty();
        try {
            CliRun run = CliRun.run(home, "config-ssh", "--local");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("devws: cannot write " + userConfig + ": " + userConfig + " is read-only; nothing was changed"
                    + " (make it writable, or point --ssh-config at a writable file)\n");
            assertThat(home.resolve(".ssh/config.devws-backup")).doesNotExist();
            assertThat(home.resolve(".ssh/devws")).doesNotExist();
            assertThat(Files.readString(userConfig)).isEqualTo(original);
        } finally {
            run("chattr", "-i", userConfig.toString());
        }
    }

    @Test
    void writesIncludeManagedConfigKnownHostsAndKeyThenChangesNothing() throws Exception {
        CliRun first = CliRun.run(home, "config-ssh", "--local");
        assertThat(first.exitCode()).as(first.err()).isZero();

        assertThat(Files.readString(userConfig)).isEqualTo(resource("user-config.golden").replace("${HOME}", home.toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(userConfig))).isEqualTo("rw-r-----");
        assertThat(Files.readString(home.resolve(".ssh/config.devws-backup"))).isEqualTo(original);
        assertThat(Files.readString(home.resolve(".ssh/devws/config")))
                .isEqualTo(resource("managed-config.golden").replace("${HOME}", home.toString()).replace("${DEVWS}", "/opt/devws/devws"));
        assertThat(Files.readString(home.resolve(".ssh/devws/defaults")))
                .isEqualTo(resource("managed-defaults.golden").replace("${HOME}", home.toString()));
        String hostKey = Files.readString(home.resolve(".devws/local/demo/ssh_host_ed25519_key.pub")).trim();
        assertThat(Files.readString(home.resolve(".ssh/devws/known_hosts")))
                .contains("demo.local.devws " + hostKey.substring(0, hostKey.lastIndexOf(' ')) + "\n");
        assertThat(home.resolve(".ssh/devws/id_ed25519")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".ssh/devws/id_ed25519")))).isEqualTo("rw-------");
        // ssh-keygen accepts the generated key
        assertThat(run("ssh-keygen", "-y", "-f", home.resolve(".ssh/devws/id_ed25519").toString())).startsWith("ssh-ed25519 ");

        Map<String, String> files = snapshot();
        CliRun second = CliRun.run(home, "config-ssh", "--local");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("up to date");
        assertThat(snapshot()).isEqualTo(files);
        Files.writeString(userConfig, "# edited after the backup\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun third = CliRun.run(home, "config-ssh", "--local");
        assertThat(third.exitCode()).isZero();
        assertThat(Files.readString(home.resolve(".ssh/config.devws-backup"))).as("backup is taken once").isEqualTo(original);
    }

    /**
     * How devws hosts are reached (ProxyCommand, pinned known_hosts, strict checking) comes from devws's first
     * Include and beats even the user's {@code Host *}; everything else the user sets (here a global
     * ServerAliveInterval and {@code Host * ForwardAgent no}) comes before devws's defaults and wins.
     */
    @Test
    void openSshTakesHowToConnectFromDevwsAndTheUsersOwnSettingsFirst() throws Exception {
        CliRun run = CliRun.run(home, "config-ssh", "--local");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("your ssh config sets ForwardAgent no for *.local.devws hosts");
        Map<String, List<String>> local = effective("demo.local.devws");
        assertThat(local.get("proxycommand")).containsExactly("\"/opt/devws/devws\" ssh --local --stdio '%h'");
        assertThat(local.get("stricthostkeychecking")).as("not the user's Host * ask").containsExactly("true");
        assertThat(local.get("userknownhostsfile")).containsExactly(home.resolve(".ssh/devws/known_hosts").toString());
        assertThat(local.get("forwardagent")).as("the user's Host * wins over the default").containsExactly("no");
        assertThat(local.get("serveraliveinterval")).as("the user's global value wins").containsExactly("60");
        assertThat(local.get("identityfile")).contains(home.resolve(".ssh/devws/id_ed25519").toString());

        Map<String, List<String>> cluster = effective("ws.team.devws");
        assertThat(cluster.get("proxycommand")).containsExactly("\"/opt/devws/devws\" ssh --stdio '%h'");

        Map<String, List<String>> other = effective("bastion");
        assertThat(other.get("forwardagent")).containsExactly("no");
        assertThat(other.get("hostname")).containsExactly("10.0.0.1");
        assertThat(other.get("serveraliveinterval")).containsExactly("60");
        assertThat(other).doesNotContainKey("proxycommand");
        assertThat(other.get("identityfile")).doesNotContain(home.resolve(".ssh/devws/id_ed25519").toString());
    }

    @Test
    void dryRunPrintsTheDiffAndTheOptionsAndWritesNothing() throws Exception {
        CliRun dry = CliRun.run(home, "config-ssh", "--local", "--dry-run", "--multiplex", "-o", "Compression=yes");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("--- " + userConfig, "+Include " + home.resolve(".ssh/devws/config"),
                "+Include " + home.resolve(".ssh/devws/defaults"), "+Host *.local.devws", "+  Compression yes",
                "# would generate the devws identity key",
                "# options: --host-suffix=devws --server-alive-interval=30 --multiplex=10m -o Compression=yes\n");
        assertThat(Files.readString(userConfig)).isEqualTo(original);
        assertThat(home.resolve(".ssh/devws")).doesNotExist();
        assertThat(home.resolve(".ssh/config.devws-backup")).doesNotExist();
    }

    @Test
    void anUnparsableConfigFailsWithOneLineAndNothingWritten() throws Exception {
        Files.writeString(userConfig, original + "Host broken\n  HostName \"oops\n");
        CliRun run = CliRun.run(home, "config-ssh", "--local");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("line 17 cannot be parsed");
        assertThat(home.resolve(".ssh/devws")).doesNotExist();
    }

    private Map<String, String> snapshot() throws IOException {
        return snapshot(home.resolve(".ssh"));
    }

    static Map<String, String> snapshot(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(Path::toString, p -> {
                try {
                    return Files.readString(p) + Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    private Map<String, List<String>> effective(String host) throws Exception {
        return effective(userConfig, host);
    }

    static Map<String, List<String>> effective(Path config, String host) throws Exception {
        String out = run("ssh", "-F", config.toString(), "-G", host);
        return out.lines().filter(l -> l.contains(" ")).collect(Collectors.groupingBy(l -> l.substring(0, l.indexOf(' ')),
                Collectors.mapping(l -> l.substring(l.indexOf(' ') + 1), Collectors.toList())));
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigSshCommandIT.class.getResourceAsStream("/sshconfig/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
