package io.devws.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.devws.transport.keys.HostKeys;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated host key, checked by the real OpenSSH ssh-keygen. */
class HostKeyMaterialIT {
    @TempDir
    Path dir;

    private String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    @Test
    void openSshReadsThePrivateKeyAndAgreesOnPublicKeyAndFingerprint() throws Exception {
        HostKeyMaterial key = HostKeyMaterial.generate("devws@ws.ns");
        assertThat(key.privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(key.publicKey()).startsWith("ssh-ed25519 AAAA").endsWith(" devws@ws.ns");
        assertThat(key.fingerprint()).startsWith("SHA256:");
        Path file = dir.resolve("ssh_host_ed25519_key");
        Files.writeString(file, key.privateKey());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(run("ssh-keygen", "-y", "-f", file.toString())).startsWith(HostKeys.withoutComment(key.publicKey()));
        assertThat(run("ssh-keygen", "-l", "-f", file.toString())).contains(key.fingerprint()).contains("(ED25519)");
        Path pub = dir.resolve("k.pub");
        Files.writeString(pub, key.publicKey() + "\n");
        assertThat(run("ssh-keygen", "-l", "-f", pub.toString())).contains(HostKeys.fingerprint(key.publicKey()));
    }

    @Test
    void everyKeyIsNewAndTheSecretCarriesBothFiles() {
        DevWorkspace ws = Fixtures.workspace("minimal");
        HostKeyMaterial a = HostKeyMaterial.generate("a");
        HostKeyMaterial b = HostKeyMaterial.generate("a");
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        Secret secret = HostKeySecretModel.desired(ws, a);
        assertThat(secret.getMetadata().getName()).isEqualTo("minimal-ssh-hostkey");
        assertThat(secret.getStringData()).containsEntry(SidecarContract.HOST_KEY_SECRET_PRIVATE, a.privateKey())
                .containsEntry(SidecarContract.HOST_KEY_SECRET_PUBLIC, a.publicKey() + "\n");
    }
}
