package io.devws.cli.sshconfig;

import java.util.List;

/**
 * One pinned host key: the ssh host names a workspace answers to and its public key as
 * {@code ssh-ed25519 AAAA...} (the workspace status' {@code ssh.hostPublicKey}).
 */
public record KnownHostsEntry(List<String> hosts, String publicKey) {
    public KnownHostsEntry {
        hosts = List.copyOf(hosts);
        String[] words = publicKey.trim().split("\\s+");
        if (words.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key: " + publicKey);
        }
        publicKey = words[0] + " " + words[1];
    }

    public String line() {
        return String.join(",", hosts) + " " + publicKey;
    }

    /** Parses a line written by {@link #line()}; null for comments and blank lines. */
    public static KnownHostsEntry parse(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] words = trimmed.split("\\s+");
        if (words.length < 3) {
            return null;
        }
        return new KnownHostsEntry(List.of(words[0].split(",")), words[1] + " " + words[2]);
    }
}
