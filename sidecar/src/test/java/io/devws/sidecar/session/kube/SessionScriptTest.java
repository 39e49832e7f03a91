package io.devws.sidecar.session.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devws.sidecar.session.ProcessSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionScriptTest {
    /** The exec URL carries the fixed wrapper, the mode, the id and the settings file: nothing of the client's. */
    @Test
    void theExecCommandCarriesNoVariableAndNoCommand() {
        ProcessSpec spec = new ProcessSpec("echo secret-command", Map.of("LANG", "secret-value"), "/workspace", null);
        List<String> cmd = SessionScript.session(spec, "id-1", "/run/devws/host/devws-session-id-1");
        assertThat(cmd.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(cmd.subList(3, cmd.size())).containsExactly("devws-session", "exec", "id-1", "/run/devws/host/devws-session-id-1");
        assertThat(String.join(" ", cmd)).doesNotContain("secret");
        assertThat(SessionScript.session(new ProcessSpec(null, Map.of(), null, new ProcessSpec.PtySize(100, 30)), "id-2", "f"))
                .contains("pty-shell");
    }

    /** A real sh sources the settings: directory, count, sorted variables and the command come back byte for byte. */
    @Test
    void settingsSurviveQuotesNewlinesAndDollars(@TempDir Path dir) throws Exception {
        String command = "echo \"$B\" 'x y'; printf '%s\\n' it's\nnext line $(date)";
        ProcessSpec spec = new ProcessSpec(command, Map.of("B", "it's 2", "A", "1\n2 $HOME `id`"), "/my 'work'", null);
        Path file = Files.writeString(dir.resolve("settings"), SessionScript.settings(spec));
        Process sh = new ProcessBuilder("sh", "-c", ". \"$0\"; for a in \"$@\"; do printf '%s\\0' \"$a\"; done", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        assertThat(out.split("\0", -1)).containsExactly("/my 'work'", "2", "A=1\n2 $HOME `id`", "B=it's 2", command, "");
    }

    @Test
    void anInteractiveShellHasNoCommandAndAnEmptyDirWhenNoneIsAsked() {
        ProcessSpec spec = new ProcessSpec(null, Map.of("TERM", "xterm"), null, new ProcessSpec.PtySize(100, 30));
        assertThat(SessionScript.settings(spec)).isEqualTo("set -- '' '1' 'TERM=xterm'\n");
    }

    @Test
    void dropsVariablesAShellCannotExport() {
        ProcessSpec spec = new ProcessSpec("true", Map.of("OK_1", "a", "not-ok", "b", "1BAD", "c"), null, null);
        assertThat(SessionScript.settings(spec)).isEqualTo("set -- '' '1' 'OK_1=a' 'true'\n");
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
        awaitWaitMarker(id, eof);
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
        awaitWaitMarker(id, eof);
        assertThat(eof.isAlive()).isTrue();
        Process cleanUp = new ProcessBuilder(SessionScript.stdinEof(id, 0, 0)).start();
        assertThat(cleanUp.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(eof.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)).as("released well before its 30 s").isTrue();
        assertThat(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "devws-stdin-" + id + ".wait")).doesNotExist();
        assertThat(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "devws-stdin-" + id + ".done")).doesNotExist();
    }

    /**
     * containerd ends an exec only after its stdin copy ends, and that copy blocks while nobody reads the exec's
     * stdin: a command that exits before reading all of it ({@code ssh ws 'head -c 10' < big}) hung the session on
     * the real cluster. Once the command is gone the relay drains the rest, until the clean-up ends the drain.
     */
    @Test
    void stdinIsDrainedAfterTheCommandStopsReading() throws Exception {
        String id = "drain-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        ProcessSpec spec = new ProcessSpec("head -c 10 > /dev/null", Map.of(), null, null);
        // the exec's stdin: a FIFO this test writes (a Process's own stdin is closed by Java once it exits)
        java.nio.file.Path fifo = java.nio.file.Files.createTempDirectory("devws-drain").resolve("stdin");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<java.io.OutputStream> writer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new java.io.FileOutputStream(fifo.toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        java.nio.file.Path settings = java.nio.file.Files.writeString(fifo.resolveSibling("settings"), SessionScript.settings(spec));
        Process session = new ProcessBuilder(SessionScript.session(spec, id, settings.toString())).redirectInput(fifo.toFile())
                .redirectErrorStream(true).start();
        java.io.OutputStream stdin = writer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        java.util.concurrent.CompletableFuture<Void> fed = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    stdin.write(chunk);
                }
                stdin.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            assertThat(session.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(session.exitValue()).isZero();
            fed.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(drains(id)).as("the drain outlives the command while the stdin is open").isNotEmpty();
            Process cleanUp = new ProcessBuilder(SessionScript.stdinEof(id, 0, 0)).start();
            assertThat(cleanUp.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> drains(id).isEmpty());
        } finally {
            stdin.close();
            drains(id).forEach(ProcessHandle::destroy);
        }
    }

    /** The processes whose environment marks them as session {@code id}'s stdin drain. */
    private static List<ProcessHandle> drains(String id) {
        String marker = SessionScript.DRAIN_VARIABLE + "=" + id;
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                byte[] env = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "environ"));
                return List.of(new String(env, java.nio.charset.StandardCharsets.ISO_8859_1).split("\0")).contains(marker);
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void stdinCleanUpWaitsForNoRelay() throws Exception {
        Process eof = new ProcessBuilder(SessionScript.stdinEof("none-" + System.nanoTime(), 0, 0)).start();
        assertThat(eof.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(eof.exitValue()).isZero();
    }

    /** The EOF script's own sign that it waits for a relay: its {@code .wait} marker (SessionScript.STDIN_EOF). */
    private static void awaitWaitMarker(String id, Process eof) {
        java.nio.file.Path marker = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "devws-stdin-" + id + ".wait");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> java.nio.file.Files.exists(marker) || !eof.isAlive());
    }
}
