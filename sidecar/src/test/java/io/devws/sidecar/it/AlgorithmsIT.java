package io.devws.sidecar.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's algorithm offer as an auditor and OpenSSH see it (docs/security.md#algorithms):
 * Debian's {@code ssh-audit} against the real launcher, served on a loopback port the OS picks,
 * one {@code devws-sidecar ssh-server --stdio} process per TCP connection (as inetd would).
 */
class AlgorithmsIT {
    private static final Pattern OUTDATED_AUDITOR = Pattern.compile(
            "^\\(kex\\) (kex-strict-s-v00@openssh\\.com|mlkem768x25519-sha256) +-- \\[warn\\] unknown algorithm$");

    @TempDir
    Path dir;

    @Test
    void sshAuditFindsNothingToFailOrWarnAbout() throws Exception {
        try (SidecarProcesses sidecar = new SidecarProcesses(dir); InetdLoopback inetd = new InetdLoopback(sidecar)) {
            SidecarProcesses.Result audit = sidecar.run(List.of("ssh-audit", "--no-colors", "-t", "60", "-p", Integer.toString(inetd.port()), "127.0.0.1"));
            assertThat(audit.out()).as("ssh-audit output").contains("(kex) mlkem768x25519-sha256")
                    .contains("(kex) curve25519-sha256").contains("(key) ssh-ed25519");
            List<String> flagged = audit.out().lines().filter(l -> l.contains("[fail]") || l.contains("[warn]"))
                    // ssh-audit 2.5.0 (Debian 12) predates strict KEX (the Terrapin fix) and ML-KEM and calls both
                    // "unknown"; later ssh-audit releases recommend them
                    .filter(l -> !OUTDATED_AUDITOR.matcher(l).find()).toList();
            assertThat(flagged).as("ssh-audit [fail]/[warn] lines in:\n%s", audit.out()).isEmpty();
            assertThat(audit.out()).doesNotContain("sntrup761", "ecdh-sha2-nistp", "hmac-sha1", "umac-", "-sha1 ", "(enc) chacha")
                    .doesNotContain("(mac) hmac-sha2-256 ").doesNotContain("(cmp) zlib ");
        }
    }

    /** OpenSSH 9.2 has no ML-KEM (9.9+ has): it gets curve25519, not sntrup761 (docs/security.md#algorithms). */
    @Test
    void openSsh92NegotiatesCurve25519() throws Exception {
        try (SidecarProcesses sidecar = new SidecarProcesses(dir)) {
            // ssh takes the first value of an option: ours comes before the helper's LogLevel=ERROR
            List<String> cmd = new ArrayList<>(List.of("ssh", "-o", "LogLevel=DEBUG1"));
            cmd.addAll(sidecar.ssh(List.of(), "true").subList(1, sidecar.ssh(List.of(), "true").size()));
            SidecarProcesses.Result r = sidecar.run(cmd);
            assertThat(r.code()).as("ssh exit; stderr: %s", r.err()).isZero();
            assertThat(r.err()).contains("kex: algorithm: curve25519-sha256");
        }
    }

    /** A loopback TCP port (chosen by the OS) that runs one stdio server process per connection. */
    private static final class InetdLoopback implements AutoCloseable {
        private final ServerSocket server;
        private final List<Process> processes = new ArrayList<>();
        private final Thread acceptor;

        InetdLoopback(SidecarProcesses sidecar) throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        ProcessBuilder pb = sidecar.builder(List.of(SidecarProcesses.LAUNCHER.toString(), "ssh-server", "--stdio"))
                                .redirectError(ProcessBuilder.Redirect.DISCARD);
                        Process p = sidecar.start(pb);
                        synchronized (processes) {
                            processes.add(p);
                        }
                        pipe(s.getInputStream(), p.getOutputStream(), s);
                        pipe(p.getInputStream(), s.getOutputStream(), s);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "inetd");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void pipe(InputStream in, OutputStream out, Socket socket) {
            Thread t = new Thread(() -> {
                try (in; out) {
                    byte[] buf = new byte[16 * 1024];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        out.write(buf, 0, n);
                        out.flush(); // a process's stdin is buffered
                    }
                } catch (IOException ignored) {
                    // the peer went away: the other direction ends too
                } finally {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }, "inetd-pipe");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (processes) {
                processes.forEach(Process::destroyForcibly);
            }
        }
    }
}
