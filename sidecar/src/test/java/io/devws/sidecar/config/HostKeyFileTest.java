package io.devws.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyFileTest {
    @TempDir
    Path dir;

    private static KeyPair only(KeyPairProvider p) throws Exception {
        return p.loadKeys(null).iterator().next();
    }

    @Test
    void createsAnEd25519KeyOnceAndLoadsTheSameOneAfterwards() throws Exception {
        Path file = dir.resolve("keys/host");
        KeyPair first = only(HostKeyFile.loadOrCreate(file));
        KeyPair second = only(HostKeyFile.loadOrCreate(file));
        assertThat(KeyUtils.getKeyType(first)).isEqualTo(KeyPairProvider.SSH_ED25519);
        assertThat(KeyUtils.compareKeys(first.getPublic(), second.getPublic())).isTrue();
        assertThat(Files.readString(file)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("keys/host.pub"))).startsWith("ssh-ed25519 ");
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2); // rw-------
    }

    @Test
    void garbageIsAClearError() throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, "nonsense");
        assertThatThrownBy(() -> HostKeyFile.loadOrCreate(file)).hasMessageStartingWith("cannot load host key " + file);
    }
}
