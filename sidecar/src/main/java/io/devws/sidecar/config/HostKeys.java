package io.devws.sidecar.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The host key: an OpenSSH private key file, loaded as is (a read-only Secret mount in the pod) or,
 * when missing, generated as ed25519 and written with its {@code .pub} beside it.
 */
public final class HostKeys {
    private HostKeys() {
    }

    public static KeyPairProvider loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read host key " + file + ": check its permissions");
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, () -> file.toString(), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no key found");
            }
            return KeyPairProvider.wrap(it.next());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException("cannot load host key " + file + " (expected an unencrypted OpenSSH private key): "
                    + e.getMessage(), e);
        }
    }

    static void create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an ed25519 host key: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".hostkey", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "devws-host", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write host key " + file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(file.resolveSibling(file.getFileName() + ".pub"),
                PublicKeyEntry.toString(pair.getPublic()) + " devws-host\n");
    }
}
