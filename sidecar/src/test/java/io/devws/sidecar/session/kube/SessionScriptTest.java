package io.devws.sidecar.session.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.sidecar.session.ProcessSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionScriptTest {
    @Test
    void execPassesModeDirIdSortedVariablesAndTheCommandAsArguments() {
        ProcessSpec spec = new ProcessSpec("echo \"$B\" 'x y'", Map.of("B", "2", "A", "1 2"), "/workspace", null);
        List<String> cmd = SessionScript.session(spec, "id-1");
        assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(cmd.subList(3, cmd.size()))
                .containsExactly("devws-session", "exec", "/workspace", "id-1", "2", "A=1 2", "B=2", "echo \"$B\" 'x y'");
    }

    @Test
    void ptyShellHasNoCommandAndAnEmptyDirWhenNoneIsAsked() {
        ProcessSpec spec = new ProcessSpec(null, Map.of("TERM", "xterm"), null, new ProcessSpec.PtySize(100, 30));
        assertThat(SessionScript.session(spec, "id-2").subList(3, 9))
                .containsExactly("devws-session", "pty-shell", "", "id-2", "1", "TERM=xterm");
        assertThat(SessionScript.session(spec, "id-2")).hasSize(9);
    }

    @Test
    void dropsVariablesAShellCannotExport() {
        ProcessSpec spec = new ProcessSpec("true", Map.of("OK_1", "a", "not-ok", "b", "1BAD", "c"), null, null);
        assertThat(SessionScript.session(spec, "i")).contains("OK_1=a").noneMatch(a -> a.startsWith("not-ok") || a.startsWith("1BAD"));
    }

    @Test
    void signalTakesOnlySignalNames() {
        assertThat(SessionScript.signal("i", "TERM")).endsWith("devws-signal", "i", "TERM");
        assertThatThrownBy(() -> SessionScript.signal("i", "TERM; rm -rf /")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The client's EOF can overtake the session's wrapper: the stdin-EOF script waits for a relay that starts late. */
    @Test
    void stdinEofWaitsForARelayThatStartsLate() throws Exception {
        String id = "late-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Process eof = new ProcessBuilder(SessionScript.stdinEof(id, 0, 5)).start();
        Thread.sleep(500);
        assertThat(eof.isAlive()).as("still waiting for the relay").isTrue();
        Process relay = new ProcessBuilder("sleep", "60").start();
        Process relayWithMarker = new ProcessBuilder("env", SessionScript.RELAY_VARIABLE + "=" + id, "sleep", "60").start();
        try {
            assertThat(eof.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(relayWithMarker.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("the late relay was ended").isTrue();
            assertThat(relay.isAlive()).as("other processes are left alone").isTrue();
        } finally {
            relay.destroyForcibly();
            relayWithMarker.destroyForcibly();
        }
    }

    /** EOF and exit at once (`ssh ws true`): the clean-up releases the EOF script that waits for a relay already gone. */
    @Test
    void theCleanUpReleasesAWaitingEofScript() throws Exception {
        String id = "gone-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Process eof = new ProcessBuilder(SessionScript.stdinEof(id, 0, 30)).start();
        Thread.sleep(500);
        assertThat(eof.isAlive()).isTrue();
        Process cleanUp = new ProcessBuilder(SessionScript.stdinEof(id, 0, 0)).start();
        assertThat(cleanUp.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(eof.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)).as("released well before its 30 s").isTrue();
        assertThat(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "devws-stdin-" + id + ".wait")).doesNotExist();
        assertThat(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "devws-stdin-" + id + ".done")).doesNotExist();
    }

    @Test
    void stdinCleanUpWaitsForNoRelay() throws Exception {
        Process eof = new ProcessBuilder(SessionScript.stdinEof("none-" + System.nanoTime(), 0, 0)).start();
        assertThat(eof.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(eof.exitValue()).isZero();
    }
}
