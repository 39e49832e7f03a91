package io.devws.host.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SSH subsystems the host runs with the dev image's own programs, as the user, in the dev
 * container: today {@code sftp} (so {@code scp} and {@code sftp} see the dev container's files).
 * Run directly, not through the shell: a chatty shell startup file would corrupt the protocol.
 */
final class Subsystems {
    /** Where distributions put OpenSSH's sftp-server (Debian/Ubuntu, Fedora/RHEL, Alpine/Arch, others). */
    static final List<String> SFTP_SERVERS = List.of("/usr/lib/openssh/sftp-server", "/usr/libexec/openssh/sftp-server",
            "/usr/lib/ssh/sftp-server", "/usr/libexec/sftp-server", "/usr/lib/sftp-server", "/usr/sbin/sftp-server");

    private Subsystems() {
    }

    static String program(String name) throws IOException {
        if (!"sftp".equals(name)) {
            throw new IOException("unknown subsystem '" + name + "'");
        }
        String override = System.getenv("DEVWS_HOST_SFTP_SERVER");
        List<String> candidates = override == null || override.isBlank() ? SFTP_SERVERS : List.of(override);
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new IOException("no sftp-server in the dev image (looked in " + String.join(", ", candidates)
                + "): install openssh-sftp-server (Debian) or openssh-server to use scp and sftp");
    }
}
