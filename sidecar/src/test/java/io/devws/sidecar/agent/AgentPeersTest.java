package io.devws.sidecar.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.devws.sidecar.unix.UnixSocketListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes of other uids (setpriv, as root: CI runs as root) connect to a real listener; the socket is
 * 0777 so that only the peer check stands between them and the agent.
 */
class AgentPeersTest {
    private static final long DEV = 4321;
    private static final long OTHER = 4322;

    @TempDir
    Path dir;
    private final AtomicReference<OptionalLong> sessionUid = new AtomicReference<>(OptionalLong.of(DEV));
    private Path socket;

    @BeforeEach
    void listen() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        socket = dir.resolve("agent.sock");
    }

    private UnixSocketListener start(AgentPeers peers) throws IOException {
        return UnixSocketListener.start(socket, "rwxrwxrwx", peers.guard(s -> {
            try (s) {
                s.write(ByteBuffer.wrap("agent\n".getBytes(StandardCharsets.UTF_8)));
            } catch (IOException ignored) {
                // the peer left
            }
        }));
    }

    /** What a process of this uid reads from the socket ("" when it was closed on it). */
    private String readAs(Long uid) throws Exception {
        String connect = "socat -u UNIX-CONNECT:" + socket + " -";
        ProcessBuilder pb = uid == null ? new ProcessBuilder("sh", "-c", connect)
                : new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "sh", "-c", connect);
        Process p = pb.redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("socat ended").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheSessionsUserAndTheSidecarItselfGetTheAgent() throws Exception {
        assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0), "needs root to run processes of other uids");
        try (UnixSocketListener ignored = start(new AgentPeers(sessionUid::get))) {
            assertThat(readAs(null)).as("the sidecar's own uid").isEqualTo("agent\n");
            assertThat(readAs(DEV)).as("the sessions' uid").isEqualTo("agent\n");
            assertThat(readAs(OTHER)).as("another uid of the pod").doesNotContain("agent");

            sessionUid.set(OptionalLong.of(OTHER));
            assertThat(readAs(OTHER)).as("asked per connection").isEqualTo("agent\n");
            assertThat(readAs(DEV)).isEmpty();
        }
    }

    @Test
    void whileTheSessionsUserIsUnknownTheSocketsModeDecides() throws Exception {
        assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0), "needs root to run processes of other uids");
        sessionUid.set(OptionalLong.empty());
        try (UnixSocketListener ignored = start(new AgentPeers(sessionUid::get))) {
            assertThat(readAs(OTHER)).isEqualTo("agent\n");
        }
    }
}
