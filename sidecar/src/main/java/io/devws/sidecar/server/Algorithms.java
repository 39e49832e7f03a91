package io.devws.sidecar.server;

import java.util.List;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.server.SshServer;

/**
 * Algorithm preferences. In SSH the client's order wins among what the server offers, so the
 * server offers only what is fast in Java: AES-GCM (AES-NI intrinsics, no separate MAC).
 * OpenSSH lists chacha20-poly1305 first; pure-Java ChaCha20 is several times slower, so it is
 * not offered. docs/benchmarks-sidecar.md has the numbers.
 */
final class Algorithms {
    static final List<NamedFactory<Cipher>> CIPHERS = List.of(
            BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr, BuiltinCiphers.aes256ctr);

    private Algorithms() {
    }

    static void apply(SshServer sshd) {
        sshd.setCipherFactories(CIPHERS);
    }
}
