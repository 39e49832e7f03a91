package io.devws.transport.ssh;

import java.util.List;
import java.util.function.Function;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.helpers.AbstractFactoryManager;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * The one algorithm offer of devws, for the sidecar's server and the CLI's built-in client
 * (docs/security.md#algorithms). In SSH the client's order wins among what the server offers.
 *
 * <ul>
 *   <li>Key exchange: the post-quantum hybrid ML-KEM-768 + X25519 first (OpenSSH 9.9+ speaks it,
 *       10.0+ prefers it, 10.1+ warns on every connection without a hybrid), then curve25519, which
 *       every OpenSSH since 6.5 speaks. Not sntrup761: OpenSSH 9.x would pick it, and its key
 *       generation costs the client ~100 ms of CPU per connection here, about a whole
 *       {@code kubectl exec} (docs/security.md#algorithms). No NIST curves, no SHA-1 and no
 *       finite-field groups.</li>
 *   <li>Ciphers: AES only (AES-NI intrinsics); pure-Java ChaCha20 is much slower, and OpenSSH then
 *       picks AES-GCM or aes128-ctr (docs/benchmarks-sidecar.md).</li>
 *   <li>MACs: encrypt-then-MAC SHA-2 only (GCM needs none).</li>
 *   <li>Compression: none, or zlib only after authentication.</li>
 *   <li>Signatures: no SHA-1 (ssh-rsa) and no DSA, for host keys and user keys alike.</li>
 * </ul>
 */
public final class Algorithms {
    public static final List<BuiltinDHFactories> KEX = supported(List.of(
            BuiltinDHFactories.mlkem768x25519,
            BuiltinDHFactories.curve25519,
            BuiltinDHFactories.curve25519_libssh));
    public static final List<NamedFactory<Cipher>> CIPHERS = List.of(
            BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128ctr, BuiltinCiphers.aes256ctr);
    public static final List<NamedFactory<Mac>> MACS = List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm);
    public static final List<NamedFactory<Compression>> COMPRESSIONS = List.of(
            BuiltinCompressions.none, BuiltinCompressions.delayedZlib);
    public static final List<NamedFactory<Signature>> SIGNATURES = List.copyOf(supported(List.of(
            BuiltinSignatures.ed25519, BuiltinSignatures.ed25519_cert, BuiltinSignatures.sk_ssh_ed25519,
            BuiltinSignatures.nistp256, BuiltinSignatures.nistp384, BuiltinSignatures.nistp521,
            BuiltinSignatures.nistp256_cert, BuiltinSignatures.nistp384_cert, BuiltinSignatures.nistp521_cert,
            BuiltinSignatures.sk_ecdsa_sha2_nistp256,
            BuiltinSignatures.rsaSHA512, BuiltinSignatures.rsaSHA256,
            BuiltinSignatures.rsaSHA512_cert, BuiltinSignatures.rsaSHA256_cert)));

    private Algorithms() {
    }

    /**
     * Applies the offer; {@code dh2kex} is the side's key-exchange factory maker
     * ({@code ServerBuilder.DH2KEX} or {@code ClientBuilder.DH2KEX}).
     */
    public static void apply(AbstractFactoryManager manager, Function<? super DHFactory, ? extends KeyExchangeFactory> dh2kex) {
        manager.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, KEX, dh2kex));
        manager.setCipherFactories(CIPHERS);
        manager.setMacFactories(MACS);
        manager.setCompressionFactories(COMPRESSIONS);
        manager.setSignatureFactories(SIGNATURES);
    }

    private static <T extends OptionalFeature> List<T> supported(List<T> candidates) {
        return candidates.stream().filter(OptionalFeature::isSupported).toList();
    }

    /** Names as they appear on the wire, e.g. for tests and {@code devws doctor}. */
    public static List<String> kexNames() {
        return KEX.stream().map(BuiltinDHFactories::getName).toList();
    }
}
