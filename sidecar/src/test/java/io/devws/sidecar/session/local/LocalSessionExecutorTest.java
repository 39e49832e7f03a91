package io.devws.sidecar.session.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionProcess;
import io.devws.testing.ProcessEnvirons;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSessionExecutorTest {
    @TempDir
    Path dir;

    private LocalSessionExecutor executor() {
        return new LocalSessionExecutor(new LoginShell("/bin/sh"), dir);
    }

    @Test
    void execWithoutPtyKeepsStreamsApartAndReportsTheExitCode() throws Exception {
        SessionProcess p = executor().start(new ProcessSpec("echo out; echo err >&2; pwd; exit 42", Map.of(), null, null));
        p.stdin().close();
        assertThat(read(p.stdout())).isEqualTo("out\n" + dir.toRealPath() + "\n");
        assertThat(read(p.stderr())).isEqualTo("err\n");
        assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(SessionProcess.ExitStatus.exited(42));
    }

    @Test
    void ptySessionHasATerminalOfTheRequestedSizeAndSshTty() throws Exception {
        SessionProcess p = executor().start(new ProcessSpec("stty size; echo tty=$SSH_TTY", Map.of("TERM", "xterm"), null,
                new ProcessSpec.PtySize(100, 30)));
        String out = read(p.stdout());
        assertThat(out).contains("30 100").contains("tty=/dev/pts/");
        assertThat(p.onExit().get(10, TimeUnit.SECONDS).code()).isZero();
    }

    @Test
    void aSignalKillsTheProcessAndIsReportedAsExitSignal() throws Exception {
        String mark = "signal-" + System.nanoTime();
        SessionProcess p = executor().start(new ProcessSpec("exec sleep 30", Map.of("DEVWS_TEST_REMOTE_MARK", mark), null, null));
        // the signal goes to a running sleep, not to a shell still starting
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> ProcessEnvirons
                .withVariable("DEVWS_TEST_REMOTE_MARK", mark).stream().anyMatch(h -> h.info().command().orElse("").endsWith("/sleep")));
        assertThat(p.signal("TERM")).isTrue();
        SessionProcess.ExitStatus status = p.onExit().get(10, TimeUnit.SECONDS);
        assertThat(status.signal()).isEqualTo("TERM");
        assertThat(status.code()).isEqualTo(143);
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // a PTY reports EIO once the process is gone
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
