package io.devws.cli.sshconfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The devws client key ({@code ~/.ssh/devws/id_ed25519}): the server accepts any key (access is
 * decided by who may exec into the pod), but OpenSSH in BatchMode needs some key to offer.
 */
public final class IdentityKey {
    private IdentityKey() {
    }

    public static void generate(Path privateKey, Path publicKey) throws IOException {
        generate(privateKey, publicKey, "devws@" + System.getProperty("user.name"));
    }

    /** Writes a new ed25519 key pair in OpenSSH format (private 0600). */
    public static void generate(Path privateKey, Path publicKey, String comment) throws IOException {
        KeyPair pair;
        try {
            pair = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate an ed25519 key: " + e.getMessage(), e);
        }
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, priv);
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair, comment, pub);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the ed25519 key: " + e.getMessage(), e);
        }
        AtomicFiles.write(privateKey, priv.toString(StandardCharsets.UTF_8));
        AtomicFiles.write(publicKey, pub.toString(StandardCharsets.UTF_8));
    }
}
