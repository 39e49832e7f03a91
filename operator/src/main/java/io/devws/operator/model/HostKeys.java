package io.devws.operator.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** Generates ed25519 host keys in OpenSSH formats and reads fingerprints, with MINA sshd-common. */
public final class HostKeys {
    private HostKeys() {
    }

    /** A fresh ed25519 key pair; the comment names the workspace. */
    public static HostKeyMaterial generate(String comment) {
        try {
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            ByteArrayOutputStream priv = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, priv);
            String pub = PublicKeyEntry.toString(pair.getPublic()) + " " + comment;
            return new HostKeyMaterial(priv.toString(StandardCharsets.UTF_8), pub, KeyUtils.getFingerPrint(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public key line without its comment ("ssh-ed25519 AAAA..."), as clients pin it. */
    public static String withoutComment(String publicKeyLine) {
        String[] parts = publicKeyLine.trim().split("\\s+");
        return parts.length >= 2 ? parts[0] + " " + parts[1] : publicKeyLine.trim();
    }

    /** SHA256 fingerprint of a one-line OpenSSH public key; throws IllegalArgumentException when unreadable. */
    public static String fingerprint(String publicKeyLine) {
        try {
            PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicKeyLine.trim()).resolvePublicKey(null, null, null);
            if (key == null) {
                throw new IllegalArgumentException("unsupported public key type");
            }
            return KeyUtils.getFingerPrint(key);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable public key: " + e.getMessage(), e);
        }
    }
}
