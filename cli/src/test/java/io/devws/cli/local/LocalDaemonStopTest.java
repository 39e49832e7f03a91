package io.devws.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `devws delete --local` signals the pid its pid file names only when that pid is the workspace's daemon. */
class LocalDaemonStopTest {
    @TempDir
    Path home;

    private LocalDaemon daemon(LocalLayout layout, Process process) throws Exception {
        Files.createDirectories(layout.socketDir());
        Files.writeString(layout.daemonPid(), Long.toString(process.pid()));
        return new LocalDaemon(layout);
    }

    @Test
    void aStalePidFileNamingAnotherProcessLeavesItAlone() throws Exception {
        LocalLayout layout = LocalLayout.of(home, "demo");
        Process bystander = new ProcessBuilder("sleep", "300").start();
        try {
            assertThat(daemon(layout, bystander).stop()).isFalse();
            assertThat(bystander.waitFor(1, TimeUnit.SECONDS)).as("the unrelated process still runs").isFalse();
            assertThat(layout.daemonPid()).as("the stale pid file goes").doesNotExist();
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void anotherWorkspacesDaemonIsNotThisOne() throws Exception {
        LocalLayout mine = LocalLayout.of(home, "demo");
        Process other = serveLike(LocalLayout.of(home, "other"));
        try {
            assertThat(daemon(mine, other).stop()).isFalse();
            assertThat(other.waitFor(1, TimeUnit.SECONDS)).isFalse();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void theWorkspacesOwnDaemonIsStopped() throws Exception {
        LocalLayout layout = LocalLayout.of(home, "demo");
        Process serve = serveLike(layout);
        try {
            assertThat(daemon(layout, serve).stop()).isTrue();
            assertThat(serve.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            serve.destroyForcibly();
        }
    }

    /** A process whose command line is a daemon's (devws-sidecar serve --socket SOCKET ...). */
    private static Process serveLike(LocalLayout layout) throws Exception {
        return new ProcessBuilder(List.of("sh", "-c", "while :; do sleep 1; done", "devws-sidecar", "serve",
                "--socket", layout.socket().toString(), "--executor", "local")).start();
    }
}
