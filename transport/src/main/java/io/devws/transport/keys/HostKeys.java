package io.devws.transport.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The one host-key helper of devws (operator, sidecar and CLI): ed25519 generation, the OpenSSH
 * private-key and public-key formats, and SHA256 fingerprints as OpenSSH prints them. No file I/O:
 * where a key lives is each caller's business.
 */
public final class HostKeys {
    private HostKeys() {
    }

    /** A fresh ed25519 key pair. */
    public static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 key: " + e.getMessage(), e);
        }
    }

    /** The unencrypted OpenSSH private key file content ("-----BEGIN OPENSSH PRIVATE KEY-----"). */
    public static String privateKeyText(KeyPair pair, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads the first key pair of an unencrypted OpenSSH private key; {@code name} only labels errors. */
    public static KeyPair readPrivateKey(String name, InputStream in) throws IOException {
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, () -> name, in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new IOException("no key found");
            }
            return it.next();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** {@code type base64}, no comment: the form clients pin. */
    public static String line(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** {@code type base64 comment}, as in a {@code .pub} file. */
    public static String line(PublicKey key, String comment) {
        return line(key) + " " + comment;
    }

    /** The public key line without its comment ("ssh-ed25519 AAAA..."). */
    public static String withoutComment(String publicKeyLine) {
        String[] parts = publicKeyLine.trim().split("\\s+");
        return parts.length >= 2 ? parts[0] + " " + parts[1] : publicKeyLine.trim();
    }

    /** Parses an OpenSSH public-key line; throws IllegalArgumentException when it is not one. */
    public static PublicKey parse(String line) {
        try {
            PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.trim())
                    .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            if (key == null) {
                throw new IllegalArgumentException("unsupported public key type");
            }
            return key;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an OpenSSH public key: " + line, e);
        }
    }

    /** As OpenSSH prints it: {@code SHA256:...}. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /** The fingerprint of a public-key line; throws IllegalArgumentException when unreadable. */
    public static String fingerprint(String publicKeyLine) {
        return fingerprint(parse(publicKeyLine));
    }
}
