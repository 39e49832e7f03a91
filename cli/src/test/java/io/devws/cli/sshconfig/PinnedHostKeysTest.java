package io.devws.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedHostKeysTest {
    static final String OLD = "ssh-ed25519 AAAAold";
    static final String NEW = "ssh-ed25519 AAAAnew";
    static final String HEADER = KnownHostsFile.HEADER + "\n";

    @TempDir
    Path dir;

    @Test
    void anEntryAlreadyPinnedIsLeftByteForByte() {
        String file = HEADER + "a.team.devws,a.devws " + OLD + "\nb.team.devws " + NEW + "\n";
        assertThat(KnownHostsFile.pin(file, new KnownHostsEntry(List.of("a.team.devws", "a.devws"), OLD))).isSameAs(file);
        assertThat(KnownHostsFile.pin(file, new KnownHostsEntry(List.of("a.team.devws"), OLD))).isSameAs(file);
    }

    @Test
    void aNewKeyReplacesThePinnedHostsAndKeepsTheOtherHostsOfTheirEntries() {
        String file = HEADER + "a.other.devws " + OLD + "\na.team.devws,a.devws " + OLD + "\n";
        // ssh was given a.team.devws: the short name may mean another namespace later and keeps its entry
        assertThat(KnownHostsFile.pin(file, new KnownHostsEntry(List.of("a.team.devws"), NEW)))
                .isEqualTo(HEADER + "a.devws " + OLD + "\na.other.devws " + OLD + "\na.team.devws " + NEW + "\n");
        assertThat(KnownHostsFile.pin(file, new KnownHostsEntry(List.of("a.team.devws", "a.devws"), NEW)))
                .isEqualTo(HEADER + "a.other.devws " + OLD + "\na.team.devws,a.devws " + NEW + "\n");
    }

    @Test
    void aWorkspaceConfigSshHasNotSeenIsAdded() {
        assertThat(KnownHostsFile.pin(HEADER, new KnownHostsEntry(List.of("new.team.devws"), NEW + " comment")))
                .isEqualTo(HEADER + "new.team.devws " + NEW + "\n");
    }

    @Test
    void nothingIsCreatedWithoutConfigSsh() throws Exception {
        Path file = dir.resolve("known_hosts");
        assertThat(new PinnedHostKeys(file).refresh(new KnownHostsEntry(List.of("a.team.devws"), NEW))).isFalse();
        assertThat(file).doesNotExist();
    }

    /** Many ProxyCommands at once, each pinning its own workspace: no update is lost, the file stays private. */
    @Test
    void concurrentRefreshesLoseNoEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), HEADER);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        int n = 16;
        CyclicBarrier together = new CyclicBarrier(n);
        List<CompletableFuture<Boolean>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KnownHostsEntry entry = new KnownHostsEntry(List.of("ws" + i + ".team.devws"), "ssh-ed25519 AAAA" + i);
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                    return new PinnedHostKeys(file).refresh(entry);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, r -> new Thread(r).start()));
        }
        assertThat(runs.stream().map(CompletableFuture::join)).containsOnly(true);
        String content = Files.readString(file);
        for (int i = 0; i < n; i++) {
            assertThat(content).contains("ws" + i + ".team.devws ssh-ed25519 AAAA" + i + "\n");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(dir.resolve("known_hosts.lock")).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("known_hosts", "known_hosts.lock");
        }
    }
}
