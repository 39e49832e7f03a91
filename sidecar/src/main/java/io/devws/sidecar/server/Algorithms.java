package io.devws.sidecar.server;

import java.util.List;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.server.SshServer;

/**
 * Algorithm preferences. In SSH the client's order wins among what the server offers, so the
 * server offers only ciphers that are fast in Java (AES with AES-NI intrinsics). OpenSSH lists
 * chacha20-poly1305 first; pure-Java ChaCha20 is much slower, so it is not offered, and OpenSSH
 * then picks aes128-ctr + hmac-sha2-256-etm, which already moves bulk data as fast as
 * {@code sshd -i} here. Offering only AES-GCM would be ~25% faster still (measured 0.9 s vs
 * 1.2 s per 256 MiB) but locks out clients without GCM; docs/benchmarks-sidecar.md.
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
