package io.devws.transport.exec;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * TLS for the SPDY exec client: Netty's native engine (BoringSSL from netty-tcnative, AES-GCM in
 * hardware) where the library loads, else the JDK's engine. Key and trust material come from
 * Fabric8's {@link SSLUtils} (client certificates, the CA, {@code insecure-skip-tls-verify}).
 */
public final class ExecTls {
    /** Which engine to use: {@code DEVWS_EXEC_TLS=auto|native|jdk}. */
    public enum Mode {
        AUTO, NATIVE, JDK;

        public static Mode parse(String text) {
            if (text == null || text.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown TLS engine '" + text.trim() + "' (use auto, native, jdk)");
            }
        }
    }

    private ExecTls() {
    }

    /** The provider {@code mode} selects here. */
    static SslProvider provider(Mode mode) {
        return switch (mode) {
            case JDK -> SslProvider.JDK;
            case NATIVE -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("native TLS is not available here: " + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    /** What {@code --verbose} and {@code doctor} print for a provider. */
    static String describe(SslProvider provider) {
        return provider == SslProvider.JDK ? "JDK TLS" : "native TLS (" + OpenSsl.versionString() + ")";
    }

    static SslContext context(Config config, SslProvider provider) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(provider);
        try {
            TrustManager[] trust = SSLUtils.trustManagers(config);
            if (trust != null && trust.length > 0) {
                b.trustManager(trust[0]);
            }
            KeyManager[] keys = SSLUtils.keyManagers(config);
            if (keys != null && keys.length > 0) {
                b.keyManager(keys[0]);
            }
        } catch (Exception e) {
            throw new SSLException("cannot load the kubeconfig's TLS material: " + e.getMessage(), e);
        }
        // as Fabric8: no host name check when told to trust any certificate or to skip the check
        b.endpointIdentificationAlgorithm(config.isTrustCerts() || config.isDisableHostnameVerification() ? null : "HTTPS");
        TlsVersion[] versions = config.getTlsVersions();
        if (versions != null && versions.length > 0) {
            b.protocols(Arrays.stream(versions).map(TlsVersion::javaName).toArray(String[]::new));
        }
        return b.build();
    }
}
