package io.devws.operator.model;

/**
 * An SSH host key as stored in the workspace's Secret.
 *
 * @param privateKey OpenSSH private key file content ("-----BEGIN OPENSSH PRIVATE KEY-----")
 * @param publicKey one line, "ssh-ed25519 AAAA... comment"
 * @param fingerprint as OpenSSH prints it, "SHA256:..."
 */
public record HostKeyMaterial(String privateKey, String publicKey, String fingerprint) {
}
