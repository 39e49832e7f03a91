package io.devws.sidecar.session.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * pty4j extracts its native library into a new /tmp/pty4j-* folder at every start and never
 * removes it (docs/kubernetes-quirks.md). Point it at a fixed folder: the launcher's pre-extracted
 * {@code lib/pty4j-native}, or else one per user under java.io.tmpdir, filled once.
 */
final class PtyNatives {
    static final String PROPERTY = "pty4j.preferred.native.folder";
    private static final String SUB_PATH = "linux/x86-64/libpty.so";

    private PtyNatives() {
    }

    static synchronized void ensureLoadable() {
        if (System.getProperty(PROPERTY) != null || !"amd64".equals(System.getProperty("os.arch"))) {
            return;
        }
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "devws-pty4j-" + System.getProperty("user.name"));
        Path lib = folder.resolve(SUB_PATH);
        try (InputStream in = PtyNatives.class.getResourceAsStream("/resources/com/pty4j/native/" + SUB_PATH)) {
            if (in != null && !Files.exists(lib)) {
                Files.createDirectories(lib.getParent());
                Path tmp = Files.createTempFile(lib.getParent(), "libpty", ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.exists(lib)) {
                System.setProperty(PROPERTY, folder.toString());
            }
        } catch (IOException e) {
            // pty4j falls back to its own extraction
        }
    }
}
