package io.devws.cli.sshconfig;

import java.security.PublicKey;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** OpenSSH public-key lines ({@code ssh-ed25519 AAAA... [comment]}) and their SHA256 fingerprints. */
public final class HostKeys {
    private HostKeys() {
    }

    public static PublicKey parse(String line) {
        try {
            return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.trim()).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an OpenSSH public key: " + line, e);
        }
    }

    /** As OpenSSH prints it: {@code SHA256:...}. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    public static String fingerprint(String line) {
        return fingerprint(parse(line));
    }

    /** {@code type base64}, no comment. */
    public static String line(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }
}
