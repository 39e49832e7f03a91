package io.devws.cli.command;

import static io.devws.cli.command.ConfigSshCommandIT.effective;
import static io.devws.cli.command.ConfigSshCommandIT.run;
import static io.devws.cli.command.ConfigSshCommandIT.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config-ssh you can trust, each point checked with the real OpenSSH client ({@code ssh -F FILE -G HOST}: OpenSSH
 * takes {@code ~} from passwd, so the tests name the config file): values checked at parse time and by
 * {@code ssh -G} before any write, options kept across runs, {@code -o}, {@code --remove} byte for byte, and the
 * user's own settings winning over devws's defaults.
 */
class ConfigSshTrustIT {
    @TempDir
    Path home;
    Path userConfig;

    @BeforeEach
    void simpleConfig() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        userConfig = home.resolve(".ssh/config");
        Files.writeString(userConfig, "Host github.com\n  User git\n");
    }

    private CliRun configSsh(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "config-ssh";
        all[1] = "--local";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(home, all);
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnythingRuns() throws Exception {
        Map<String, String> before = snapshot(home);
        for (String[] args : List.of(new String[] {"--server-alive-interval=-5"}, new String[] {"--server-alive-interval=soon"},
                new String[] {"--multiplex=10minutes"}, new String[] {"-o", "Compression"}, new String[] {"-o", "ProxyCommand=nc %h %p"},
                new String[] {"--host-suffix", "Dev WS"})) {
            CliRun run = configSsh(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines().toList()).as(run.err()).hasSize(2);
            assertThat(run.err()).startsWith("devws: Invalid value for option '").endsWith("See 'devws config-ssh --help' for usage.\n");
        }
        assertThat(configSsh("--server-alive-interval=-5").err())
                .startsWith("devws: Invalid value for option '--server-alive-interval': '-5' is not seconds from 0 (off) to 86400, e.g. 30\n");
        assertThat(snapshot(home)).isEqualTo(before);
    }

    /** Values that pass the syntax checks but that OpenSSH rejects: ssh -G on a temporary copy says no, nothing is written. */
    @Test
    void aConfigOpenSshRejectsIsNeverWritten() throws Exception {
        Map<String, String> before = snapshot(home);
        CliRun unknown = configSsh("-o", "NoSuchOption=1");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines().toList()).hasSize(1);
        assertThat(unknown.err()).startsWith("devws: OpenSSH rejects the ssh config devws would write: " + home.resolve(".ssh/devws/defaults")
                + ": line 11: Bad configuration option: nosuchoption; nothing was changed");
        assertThat(snapshot(home)).as("no backup, no managed files, no key").isEqualTo(before);
        assertThat(run("ssh", "-F", userConfig.toString(), "-G", "github.com")).contains("user git");

        assertThat(configSsh("--multiplex").exitCode()).isZero();
        Map<String, String> good = snapshot(home);
        CliRun badValue = configSsh("-o", "Compression=maybe");
        assertThat(badValue.exitCode()).isEqualTo(1);
        assertThat(badValue.err()).contains("OpenSSH rejects", home.resolve(".ssh/devws/defaults") + " line 14: unsupported option \"maybe\"; nothing was changed");
        assertThat(snapshot(home)).as("the previous good files stay").isEqualTo(good);
        assertThat(effective(userConfig, "github.com").get("user")).containsExactly("git");
    }

    @Test
    void optionsPersistUntilChangedAndDryRunShowsThem() throws Exception {
        assertThat(configSsh("--multiplex=5m", "--server-alive-interval=15", "-o", "Compression=yes", "-o", "SetEnv=TEAM=\"a b\"").exitCode()).isZero();
        Map<String, List<String>> first = effective(userConfig, "ws.ns.devws");
        assertThat(first.get("controlmaster")).containsExactly("auto");
        assertThat(first.get("controlpersist")).containsExactly("300");
        assertThat(first.get("serveraliveinterval")).containsExactly("15");
        assertThat(first.get("compression")).containsExactly("yes");
        assertThat(first.get("setenv")).containsExactly("TEAM=a b");

        CliRun again = configSsh();
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("up to date", "--multiplex=5m");
        assertThat(effective(userConfig, "ws.ns.devws")).isEqualTo(first);

        CliRun dry = configSsh("--dry-run", "--no-multiplex", "-o", "Compression=");
        assertThat(dry.out()).contains("-  ControlMaster auto", "-  Compression yes",
                "# options: --host-suffix=devws --server-alive-interval=15 --no-multiplex -o 'SetEnv=TEAM=\"a b\"'\n");
        assertThat(effective(userConfig, "ws.ns.devws")).as("dry run wrote nothing").isEqualTo(first);

        assertThat(configSsh("--multiplex=false", "-o", "Compression=").exitCode()).isZero();
        Map<String, List<String>> off = effective(userConfig, "ws.ns.devws");
        assertThat(off.get("controlmaster")).containsExactly("false");
        assertThat(off.get("compression")).containsExactly("no");
        assertThat(off.get("serveraliveinterval")).as("still the previous run's").containsExactly("15");
        assertThat(off.get("setenv")).containsExactly("TEAM=a b");

        assertThat(configSsh("--reset-options").exitCode()).isZero();
        Map<String, List<String>> reset = effective(userConfig, "ws.ns.devws");
        assertThat(reset.get("serveraliveinterval")).containsExactly("30");
        assertThat(reset).doesNotContainKey("setenv");
    }

    /** The user's own block for devws hosts, before or after the managed Include, as Host or as Match, wins. */
    @Test
    void theUsersOwnSettingsForDevwsHostsWin() throws Exception {
        for (String own : List.of("Host *.devws\n  ForwardAgent no\n  ServerAliveInterval 5\n",
                "Match host *.devws\n  ForwardAgent no\n  ServerAliveInterval 5\n")) {
            Files.writeString(userConfig, "Host github.com\n  User git\n\n" + own);
            assertThat(configSsh().exitCode()).isZero();
            Map<String, List<String>> ws = effective(userConfig, "x.ns.devws");
            assertThat(ws.get("forwardagent")).as(own).containsExactly("no");
            assertThat(ws.get("serveraliveinterval")).as(own).containsExactly("5");
            assertThat(ws.get("proxycommand")).as(own).containsExactly("\"/opt/devws/devws\" ssh --stdio '%h'");
            assertThat(ws.get("userknownhostsfile")).containsExactly(home.resolve(".ssh/devws/known_hosts").toString());
            assertThat(configSsh("--remove").exitCode()).isZero();
        }
        Files.writeString(userConfig, "Host github.com\n  User git\n");
        assertThat(configSsh().exitCode()).isZero();
        assertThat(effective(userConfig, "x.ns.devws").get("forwardagent")).as("no wildcard forwarding to cluster hosts").containsExactly("no");
        assertThat(effective(userConfig, "x.local.devws").get("forwardagent")).as("local workspaces run as you").containsExactly("yes");
        // how devws connects is not the user's Host *'s to change
        Files.writeString(userConfig, "\nHost *\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  ProxyCommand nc %h %p\n",
                java.nio.file.StandardOpenOption.APPEND);
        Map<String, List<String>> ws = effective(userConfig, "x.ns.devws");
        assertThat(ws.get("stricthostkeychecking")).containsExactly("true");
        assertThat(ws.get("proxycommand")).containsExactly("\"/opt/devws/devws\" ssh --stdio '%h'");
    }

    /** The agent goes to the cluster workspaces named with --forward-agent only, never to every *.devws host. */
    @Test
    void agentForwardingIsPerWorkspace() throws Exception {
        assertThat(configSsh("--forward-agent", "x.ns", "--forward-agent", "mine").exitCode()).isZero();
        assertThat(effective(userConfig, "x.ns.devws").get("forwardagent")).containsExactly("yes");
        assertThat(effective(userConfig, "mine.devws").get("forwardagent")).containsExactly("yes");
        assertThat(effective(userConfig, "x.other.devws").get("forwardagent")).as("someone else's workspace").containsExactly("no");
        assertThat(effective(userConfig, "mine.ns.devws").get("forwardagent")).containsExactly("no");
        assertThat(Files.readString(home.resolve(".ssh/devws/defaults"))).doesNotContain("Host *.devws\n  ForwardAgent");
        // kept by the next run, taken back one by one
        assertThat(configSsh("--no-forward-agent", "mine").exitCode()).isZero();
        assertThat(effective(userConfig, "x.ns.devws").get("forwardagent")).containsExactly("yes");
        assertThat(effective(userConfig, "mine.devws").get("forwardagent")).containsExactly("no");
        for (String pattern : List.of("*", "x.*", "!x", "x?", "a.b.c", "X")) {
            CliRun run = configSsh("--forward-agent", pattern);
            assertThat(run.exitCode()).as(pattern).isEqualTo(2);
            assertThat(run.err()).as(pattern).contains("is not NAME or NAME.NAMESPACE of a workspace");
        }
    }

    /** A missing ~/.ssh is created private, as OpenSSH wants it (the umask would make it 0755). */
    @Test
    void aMissingSshDirectoryIsCreated0700() throws Exception {
        Path fresh = Files.createDirectories(home.resolve("fresh-home"));
        CliRun run = CliRun.run(fresh, "config-ssh", "--local");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(".ssh")))).isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(".ssh/devws")))).isEqualTo("rwx------");
    }

    /** A symlinked ~/.ssh/config with its own Include and Match blocks: --remove restores its target byte for byte. */
    @Test
    void removeRestoresASymlinkedConfigByteForByte() throws Exception {
        String original = ConfigSshCommandIT.resource("user-config.txt") + "Match all\n  ServerAliveCountMax 9"; // no final newline
        Path target = Files.createDirectories(home.resolve("dotfiles")).resolve("ssh_config");
        Files.writeString(target, original);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        Files.delete(userConfig);
        Files.createSymbolicLink(userConfig, Path.of("../dotfiles/ssh_config"));

        assertThat(configSsh("--multiplex", "-o", "Compression=yes").exitCode()).isZero();
        assertThat(Files.isSymbolicLink(userConfig)).isTrue();
        assertThat(Files.readString(target)).contains("Include " + home.resolve(".ssh/devws/config"), "Include " + home.resolve(".ssh/devws/defaults"));
        assertThat(effective(userConfig, "x.devws").get("compression")).containsExactly("yes");

        CliRun dry = configSsh("--remove", "--dry-run");
        assertThat(dry.out()).contains("-Include " + home.resolve(".ssh/devws/defaults"), "# would delete " + home.resolve(".ssh/devws/config"));
        assertThat(Files.readString(target)).isNotEqualTo(original);

        CliRun remove = configSsh("--remove");
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(Files.isSymbolicLink(userConfig)).as("still a symlink").isTrue();
        assertThat(Files.readSymbolicLink(userConfig)).isEqualTo(Path.of("../dotfiles/ssh_config"));
        assertThat(Files.readString(target)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(home.resolve(".ssh/devws")).doesNotExist();
        assertThat(home.resolve(".ssh/config.devws-backup")).doesNotExist();
        assertThat(effective(userConfig, "x.devws")).doesNotContainKey("proxycommand");
        assertThat(configSsh("--remove").out()).startsWith("nothing to remove");
    }

    @Test
    void removeDeletesAConfigThatDevwsCreated() throws Exception {
        Files.delete(userConfig);
        assertThat(configSsh().exitCode()).isZero();
        assertThat(userConfig).exists();
        assertThat(configSsh("--remove").exitCode()).isZero();
        assertThat(userConfig).doesNotExist();
        assertThat(home.resolve(".ssh")).isEmptyDirectory();
    }

    /**
     * The lock file a ProxyCommand's re-pinning leaves ({@link io.devws.cli.sshconfig.PinnedHostKeys}) and a temporary
     * file an interrupted write left go with --remove, and so does ~/.ssh/devws once empty; a file of the user's stays.
     */
    @Test
    void removeAlsoDeletesThePinningLockAndLeftoversThenTheEmptyDirectory() throws Exception {
        assertThat(configSsh().exitCode()).isZero();
        Path dir = home.resolve(".ssh/devws");
        // what a ProxyCommand does when a workspace was re-keyed: pin the new key under the lock
        Path other = home.resolve("other_key");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).start().waitFor();
        assertThat(new io.devws.cli.sshconfig.PinnedHostKeys(dir.resolve("known_hosts")).refresh(new io.devws.cli.sshconfig.KnownHostsEntry(
                List.of("ws.team.devws"), Files.readString(home.resolve("other_key.pub"))))).isTrue();
        assertThat(dir.resolve("known_hosts.lock")).exists();
        Files.writeString(dir.resolve(".known_hosts.4711.tmp"), "half a file");
        Files.writeString(dir.resolve("notes.txt"), "mine");

        CliRun dry = configSsh("--remove", "--dry-run");
        assertThat(dry.out()).contains("# would delete " + dir.resolve("known_hosts.lock"), "# would delete " + dir.resolve(".known_hosts.4711.tmp"))
                .doesNotContain("notes.txt");
        assertThat(configSsh("--remove").exitCode()).isZero();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
        Files.delete(dir.resolve("notes.txt"));
        assertThat(configSsh().exitCode()).isZero();
        assertThat(new io.devws.cli.sshconfig.PinnedHostKeys(dir.resolve("known_hosts")).refresh(new io.devws.cli.sshconfig.KnownHostsEntry(
                List.of("ws.team.devws"), Files.readString(home.resolve("other_key.pub"))))).isTrue();
        assertThat(configSsh("--remove").exitCode()).isZero();
        assertThat(dir).doesNotExist();
        assertThat(Files.readString(userConfig)).isEqualTo("Host github.com\n  User git\n");
    }

    /** --ssh-config FILE anywhere (ssh -F FILE), with its own Include and Match blocks, and a non-UTF-8 one refused. */
    @Test
    void anotherConfigFileIsRestoredByteForByteAndANonUtf8OneIsLeftAlone() throws Exception {
        Path other = Files.createDirectories(home.resolve("work")).resolve("ssh_config");
        String original = "Include ~/.ssh/conf.d/*\n\nMatch host *.corp exec \"true\"\n  User corp\n\nHost *\n  ForwardAgent no\n";
        Files.writeString(other, original);
        assertThat(configSsh("--ssh-config", other.toString()).exitCode()).isZero();
        assertThat(effective(other, "a.devws").get("proxycommand")).containsExactly("\"/opt/devws/devws\" ssh --stdio '%h'");
        assertThat(Files.readString(userConfig)).as("~/.ssh/config untouched").isEqualTo("Host github.com\n  User git\n");
        assertThat(configSsh("--ssh-config", other.toString(), "--remove").exitCode()).isZero();
        assertThat(Files.readString(other)).isEqualTo(original);

        byte[] latin1 = "# M\u00fcller's hosts\nHost a\n  User b\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(other, latin1);
        CliRun run = configSsh("--ssh-config", other.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("devws: " + other + " is not UTF-8 text, which devws cannot edit byte for byte; nothing was changed\n");
        assertThat(Files.readAllBytes(other)).isEqualTo(latin1);
    }
}
