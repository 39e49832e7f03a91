package io.devws.cli.sshconfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files whole or not at all: a temp file beside the target, fsync, then rename. */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /** Replaces {@code target} (following a symlink to the real file); keeps its permissions, else 0600. */
    public static void write(Path target, String content) throws IOException {
        Path real = Files.exists(target) ? target.toRealPath() : target;
        Set<PosixFilePermission> perms = Files.exists(real) ? Files.getPosixFilePermissions(real) : PRIVATE;
        Path tmp = Files.createTempFile(real.getParent(), "." + real.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, perms);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(content));
                ch.force(true);
            }
            Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates a directory with mode 0700 when missing, and each missing parent too: {@code ~/.ssh/devws} may be
     * the first of {@code ~/.ssh}, which OpenSSH wants private (createDirectories would leave it 0755 by umask).
     */
    public static void privateDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            privateDirectory(absolute.getParent());
        }
        Files.createDirectory(absolute);
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
    }

    public static String readOrEmpty(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
