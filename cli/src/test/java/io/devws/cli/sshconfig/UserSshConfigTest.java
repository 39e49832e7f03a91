package io.devws.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UserSshConfigTest {
    static String resource(String name) throws IOException {
        try (InputStream in = UserSshConfigTest.class.getResourceAsStream("/sshconfig/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void includeGoesAboveEverythingAndTheRestStaysByteForByte() throws IOException {
        String after = UserSshConfig.withInclude(resource("user-config.txt"), "/home/u/.ssh/devws/config");
        assertThat(after).isEqualTo(resource("user-config.golden").replace("${HOME}", "/home/u"));
    }

    @Test
    void secondRunChangesNothing() throws IOException {
        String once = UserSshConfig.withInclude(resource("user-config.txt"), "/home/u/.ssh/devws/config");
        assertThat(UserSshConfig.withInclude(once, "/home/u/.ssh/devws/config")).isSameAs(once);
    }

    @Test
    void anIncludeInsideAHostBlockDoesNotCount() {
        String config = "Host a\n  Include /home/u/.ssh/devws/config\n";
        assertThat(UserSshConfig.withInclude(config, "/home/u/.ssh/devws/config"))
                .startsWith(UserSshConfig.COMMENT + "\nInclude /home/u/.ssh/devws/config\n\nHost a\n");
    }

    @Test
    void emptyOrMissingConfigGetsOnlyTheInclude() {
        assertThat(UserSshConfig.withInclude("", "/h/.ssh/devws/config"))
                .isEqualTo(UserSshConfig.COMMENT + "\nInclude /h/.ssh/devws/config\n");
    }

    @Test
    void pathsWithSpacesArQuoted() {
        assertThat(UserSshConfig.withInclude("", "/h/my home/config")).contains("Include \"/h/my home/config\"\n");
    }

    @Test
    void unparsableLinesAreRejectedWithTheLineNumber() {
        assertThatThrownBy(() -> UserSshConfig.validate("Host a\n  HostName \"unbalanced\n", "cfg"))
                .isInstanceOf(SshConfigException.class).hasMessageContaining("cfg line 2");
        assertThatThrownBy(() -> UserSshConfig.validate("Host a\n  ???\n", "cfg"))
                .isInstanceOf(SshConfigException.class).hasMessageContaining("cfg line 2");
        UserSshConfig.validate(resourceUnchecked(), "cfg");
    }

    private static String resourceUnchecked() {
        try {
            return resource("user-config.txt");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
