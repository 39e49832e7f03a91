package io.devws.sidecar.session.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each exec session's settings ({@link SessionScript#settings}) as a file in a directory the dev container sees at
 * the same path, for the session's wrapper to source and delete: so the client's variables and command stay out of
 * the exec URL. Mode 0640: the dev user reads it through the pod's fsGroup, which owns the shared volume.
 */
final class SessionSettings {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSettings.class);
    private final Path dir;

    SessionSettings(Path dir) {
        this.dir = dir;
    }

    Path write(String id, String content) throws IOException {
        Path file = dir.resolve("devws-session-" + id);
        try {
            Files.createDirectories(dir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (IOException e) {
            delete(file);
            throw new IOException("cannot write the session's settings in " + dir + ": " + e.getMessage(), e);
        }
        return file;
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", file, e.toString());
        }
    }
}
