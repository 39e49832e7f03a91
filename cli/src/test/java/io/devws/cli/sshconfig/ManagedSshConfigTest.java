package io.devws.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedSshConfigTest {
    @Test
    void rendersTheGoldenFile() throws IOException {
        SshPaths paths = SshPaths.forHome(Path.of("/home/u"));
        ManagedSshConfig managed = new ManagedSshConfig(Path.of("/opt/devws/devws"), paths, ConfigSshOptions.DEFAULTS);
        assertThat(managed.render()).isEqualTo(UserSshConfigTest.resource("managed-config.golden")
                .replace("${HOME}", "/home/u").replace("${DEVWS}", "/opt/devws/devws"));
        assertThat(managed.renderDefaults()).isEqualTo(UserSshConfigTest.resource("managed-defaults.golden").replace("${HOME}", "/home/u"));
    }

    @Test
    void aCustomSuffixIsPassedToTheProxyCommand() {
        String rendered = new ManagedSshConfig(Path.of("/d/devws"), SshPaths.forHome(Path.of("/h")), ConfigSshOptions.DEFAULTS.withSuffix(new HostSuffix("dev.example"))).render();
        assertThat(rendered).contains("Host *.local.dev.example\n  ProxyCommand \"/d/devws\" ssh --local --stdio --host-suffix dev.example '%h'\n",
                "Host *.dev.example\n  ProxyCommand \"/d/devws\" ssh --stdio --host-suffix dev.example '%h'\n");
    }

    @Test
    void aesGcmComesFirstUnlessTheUserChoseCiphers() {
        SshPaths paths = SshPaths.forHome(Path.of("/h"));
        assertThat(new ManagedSshConfig(Path.of("/d/devws"), paths, ConfigSshOptions.DEFAULTS).renderDefaults())
                .contains("  Ciphers aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr\n");
        String own = new ManagedSshConfig(Path.of("/d/devws"), paths, ConfigSshOptions.DEFAULTS.withSshOption("ciphers", "aes256-ctr"))
                .renderDefaults();
        assertThat(own).contains("  ciphers aes256-ctr\n").doesNotContain("aes128-gcm");
    }

    @Test
    void multiplexingSharesOneConnectionPerHostInTheDevwsDirectory() {
        ManagedSshConfig managed = new ManagedSshConfig(Path.of("/d/devws"), SshPaths.forHome(Path.of("/home/a b%")),
                ConfigSshOptions.DEFAULTS.withControlPersist("10m"));
        assertThat(managed.render()).contains("Host *.devws\n  ProxyCommand \"/d/devws\" ssh --stdio --shared '%h'\n");
        assertThat(managed.renderDefaults()).contains("  IdentityFile \"/home/a b%%/.ssh/devws/id_ed25519\"\n"
                + "  ControlMaster auto\n  ControlPath \"/home/a b%%/.ssh/devws/cm-%C\"\n  ControlPersist 10m\n");
        assertThat(new ManagedSshConfig(Path.of("/d/devws"), SshPaths.forHome(Path.of("/h")), ConfigSshOptions.DEFAULTS).renderDefaults())
                .doesNotContain("Control");
    }

    /** Per workspace, never for the whole suffix; and %h reaches the shell single-quoted. */
    @Test
    void agentForwardingIsRenderedPerWorkspace() {
        String defaults = new ManagedSshConfig(Path.of("/d/devws"), SshPaths.forHome(Path.of("/h")),
                ConfigSshOptions.DEFAULTS.withForwardAgent("ws.team-a", true).withForwardAgent("b", true)).renderDefaults();
        assertThat(defaults).contains("Host *.local.devws\n  ForwardAgent yes\n\nHost b.devws\n  ForwardAgent yes\n\n"
                + "Host ws.team-a.devws\n  ForwardAgent yes\n\nHost *.devws\n  ServerAliveInterval 30\n");
        assertThat(defaults.lines().filter(l -> l.contains("ForwardAgent")).count()).isEqualTo(3);
        assertThatThrownBy(() -> ConfigSshOptions.DEFAULTS.withForwardAgent("*", true)).hasMessageContaining("no patterns");
        assertThat(ConfigSshOptions.recordedIn(new ManagedSshConfig(Path.of("/d/devws"), SshPaths.forHome(Path.of("/h")),
                ConfigSshOptions.DEFAULTS.withForwardAgent("ws.team-a", true)).render()).forwardAgent()).containsExactly("ws.team-a");
    }

    @Test
    void multiplexingRefusesBadTimesAndSocketPathsTooLong() {
        assertThatThrownBy(() -> ConfigSshOptions.controlPersist("10 minutes")).hasMessageContaining("10m");
        SshPaths deep = SshPaths.forHome(Path.of("/home/" + "x".repeat(40)));
        assertThatThrownBy(() -> new ManagedSshConfig(Path.of("/d"), deep, ConfigSshOptions.DEFAULTS.withControlPersist("10m")))
                .hasMessageContaining("too long for a Unix socket");
    }

    @Test
    void proxyCommandPathIsShellAndTokenSafe() {
        assertThat(SshConfigQuoting.proxyCommandWord("/a b/100%/$x\"y")).isEqualTo("\"/a b/100%%/\\$x\\\"y\"");
    }

    @Test
    void knownHostsKeepsTheOtherBackendsEntriesAndIsSorted() {
        String existing = KnownHostsFile.render("", List.of(
                new KnownHostsEntry(List.of("b.default.devws", "b.devws"), "ssh-ed25519 AAAAB comment"),
                new KnownHostsEntry(List.of("demo.local.devws"), "ssh-ed25519 AAAAL")), h -> true);
        String refreshed = KnownHostsFile.render(existing,
                List.of(new KnownHostsEntry(List.of("demo.local.devws"), "ssh-ed25519 AAAAN")), HostSuffix.DEFAULT::isLocalHost);
        assertThat(refreshed).isEqualTo(KnownHostsFile.HEADER + "\n"
                + "b.default.devws,b.devws ssh-ed25519 AAAAB\n"
                + "demo.local.devws ssh-ed25519 AAAAN\n");
    }

    @Test
    void hostSuffixIsValidated() {
        assertThatThrownBy(() -> new HostSuffix("Bad Suffix")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HostSuffix("ws.example").localPattern()).isEqualTo("*.local.ws.example");
    }
}
