package io.devws.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSshOptionsTest {
    @Test
    void theManagedConfigRecordsTheOptionsAndTheNextRunReadsThemBack() {
        ConfigSshOptions options = ConfigSshOptions.DEFAULTS.withSuffix(new HostSuffix("dev.example")).withServerAliveInterval(0)
                .withControlPersist("1h").withSshOption("Compression", "yes").withSshOption("SetEnv", "A=\"b c\"");
        String managed = new ManagedSshConfig(Path.of("/d/devws"), SshPaths.forHome(Path.of("/h")), options).render();
        assertThat(ConfigSshOptions.recordedIn(managed)).isEqualTo(options);
        assertThat(ConfigSshOptions.recordedIn(null)).isEqualTo(ConfigSshOptions.DEFAULTS);
        assertThat(options.asFlags()).isEqualTo("--host-suffix=dev.example --server-alive-interval=0 --multiplex=1h"
                + " -o Compression=yes -o 'SetEnv=A=\"b c\"'");
    }

    @Test
    void anOptionIsReplacedWhateverItsSpellingAndAnEmptyValueRemovesIt() {
        ConfigSshOptions options = ConfigSshOptions.DEFAULTS.withSshOption("Compression", "yes").withSshOption("compression", "no");
        assertThat(options.sshOptions()).isEqualTo(Map.of("compression", "no"));
        assertThat(options.withSshOption("COMPRESSION", "").sshOptions()).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> ConfigSshOptions.serverAliveInterval("-5")).hasMessage("'-5' is not seconds from 0 (off) to 86400, e.g. 30");
        assertThatThrownBy(() -> ConfigSshOptions.sshOption("Compression")).hasMessageContaining("KEYWORD=VALUE");
        assertThatThrownBy(() -> ConfigSshOptions.sshOption("Bad Key=1")).hasMessageContaining("KEYWORD=VALUE");
        assertThatThrownBy(() -> ConfigSshOptions.sshOption("ProxyCommand=nc %h %p")).hasMessageContaining("devws sets ProxyCommand itself");
        assertThatThrownBy(() -> ConfigSshOptions.sshOption("Host=x")).hasMessageContaining("devws sets Host itself");
        assertThatThrownBy(() -> ConfigSshOptions.sshOption("User=a\nHost *")).hasMessageContaining("one line");
        assertThatThrownBy(() -> ConfigSshOptions.sshOption("User=\"a")).hasMessageContaining("balanced quotes");
    }

    @Test
    void aHandEditedRecordKeepsTheDefaultForThatOption() {
        assertThat(ConfigSshOptions.recordedIn("# option: server-alive-interval=-1\n# option: multiplex=5m\n"))
                .isEqualTo(ConfigSshOptions.DEFAULTS.withControlPersist("5m"));
    }

    /** What the devws before recorded options wrote (one file): its --multiplex, keepalive and suffix are kept. */
    @Test
    void anEarlierDevwsConfigKeepsItsOptions() {
        String earlier = """
                # Managed by `devws config-ssh`: rewritten on every run, edit ~/.ssh/config instead.

                Host *.local.dev.example
                  ProxyCommand "/d/devws" ssh --local --stdio --shared --host-suffix dev.example %h
                  ForwardAgent yes
                  ServerAliveInterval 45
                  ControlMaster auto
                  ControlPersist 10m

                Host *.dev.example
                  ServerAliveInterval 45
                """;
        assertThat(ConfigSshOptions.recordedIn(earlier)).isEqualTo(ConfigSshOptions.DEFAULTS.withSuffix(new HostSuffix("dev.example"))
                .withServerAliveInterval(45).withControlPersist("10m"));
    }
}
