package io.devws.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void usageErrorsExitTwo() {
        assertThat(Main.run(new String[] {})).isEqualTo(2);
        assertThat(Main.run(new String[] {"bogus"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"serve"})).isEqualTo(2);
        assertThat(Main.run(new String[] {"start", "--socket", "/tmp/x", "--allow-uid", "me"})).isEqualTo(2);
    }

    @Test
    void fileSystemErrorsSayPathAndReasonOnOneLine() {
        assertThat(Main.describe(new AccessDeniedException("/run/devws/host"))).isEqualTo("/run/devws/host: access denied");
        assertThat(Main.describe(new FileSystemException("/proc/x", null, "Read-only file system")))
                .isEqualTo("/proc/x: Read-only file system");
    }
}
