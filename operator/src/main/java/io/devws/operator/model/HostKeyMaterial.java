package io.devws.operator.model;

import io.devws.transport.keys.HostKeys;
import java.security.KeyPair;

/**
 * An SSH host key as stored in the workspace's Secret.
 *
 * @param privateKey OpenSSH private key file content ("-----BEGIN OPENSSH PRIVATE KEY-----")
 * @param publicKey one line, "ssh-ed25519 AAAA... comment"
 * @param fingerprint as OpenSSH prints it, "SHA256:..."
 */
public record HostKeyMaterial(String privateKey, String publicKey, String fingerprint) {
    /** A fresh ed25519 key; the comment names the workspace. */
    public static HostKeyMaterial generate(String comment) {
        KeyPair pair = HostKeys.generate();
        return new HostKeyMaterial(HostKeys.privateKeyText(pair, comment), HostKeys.line(pair.getPublic(), comment),
                HostKeys.fingerprint(pair.getPublic()));
    }
}
