package io.devws.sidecar.config;

import io.devws.transport.keys.HostKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The host key file: an OpenSSH private key, loaded as is (a read-only Secret mount in the pod) or,
 * when missing, generated as ed25519 and written (owner-only) with its {@code .pub} beside it.
 */
public final class HostKeyFile {
    private static final String COMMENT = "devws-host";

    private HostKeyFile() {
    }

    public static KeyPairProvider loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read host key " + file + ": check its permissions");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return KeyPairProvider.wrap(HostKeys.readPrivateKey(file.toString(), in));
        } catch (IOException e) {
            throw new IOException("cannot load host key " + file + " (expected an unencrypted OpenSSH private key): "
                    + e.getMessage(), e);
        }
    }

    static void create(Path file) throws IOException {
        KeyPair pair = HostKeys.generate();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".hostkey", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, HostKeys.privateKeyText(pair, COMMENT), StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), HostKeys.line(pair.getPublic(), COMMENT) + "\n");
    }
}
