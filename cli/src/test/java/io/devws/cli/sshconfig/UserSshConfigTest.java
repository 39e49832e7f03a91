package io.devws.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserSshConfigTest {
    static String resource(String name) throws IOException {
        try (InputStream in = UserSshConfigTest.class.getResourceAsStream("/sshconfig/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void includeGoesAboveEverythingAndTheRestStaysByteForByte() throws IOException {
        String after = UserSshConfig.withIncludes(resource("user-config.txt"), CONFIG, DEFAULTS);
        assertThat(after).isEqualTo(resource("user-config.golden").replace("${HOME}", "/home/u"));
    }

    private static final String CONFIG = "/home/u/.ssh/devws/config";
    private static final String DEFAULTS = "/home/u/.ssh/devws/defaults";

    @Test
    void secondRunChangesNothingEvenWhenTheUserMovedTheDefaultsInclude() throws IOException {
        String once = UserSshConfig.withIncludes(resource("user-config.txt"), CONFIG, DEFAULTS);
        assertThat(UserSshConfig.withIncludes(once, CONFIG, DEFAULTS)).isSameAs(once);
        String moved = "Include " + CONFIG + "\nHost *\nInclude " + DEFAULTS + "\nHost *\n  ForwardAgent no\n";
        assertThat(UserSshConfig.withIncludes(moved, CONFIG, DEFAULTS)).isSameAs(moved);
    }

    @Test
    void removalGivesBackTheConfigByteForByte() throws IOException {
        for (String original : List.of(resource("user-config.txt"), "", "Host a\n  User b", "Host a\n\n\n", "\n", "Include x\r\nHost y\r\n")) {
            String added = UserSshConfig.withIncludes(original, CONFIG, DEFAULTS);
            assertThat(added).contains("Include " + CONFIG, "Include " + DEFAULTS);
            assertThat(UserSshConfig.withoutIncludes(added, CONFIG, DEFAULTS)).as(original).isEqualTo(original);
        }
    }

    @Test
    void removalTakesOutIncludesTheUserMoved() {
        String edited = "Host a\n  User b\n" + UserSshConfig.COMMENT + "\nInclude " + CONFIG + "\nHost c\n";
        assertThat(UserSshConfig.withoutIncludes(edited, CONFIG, DEFAULTS)).isEqualTo("Host a\n  User b\nHost c\n");
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
