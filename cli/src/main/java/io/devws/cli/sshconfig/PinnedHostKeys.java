package io.devws.cli.sshconfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keeps one workspace's entry of the managed known_hosts file (the one {@code config-ssh} writes and
 * names in {@code UserKnownHostsFile}) on the key its status names, so a recreated or re-keyed workspace
 * needs no new {@code config-ssh}. Only the status key is ever written: ssh still refuses any other.
 *
 * <p>Several ProxyCommands may run at once: the usual case (already pinned) only reads; a change
 * happens under an exclusive lock on a sibling lock file (kept, empty, 0600) and is written whole (temp file + rename), so
 * an ssh reading the file sees the old or the new content, never a mix.
 */
public final class PinnedHostKeys {
    /** File locks are per process (a second lock in the same JVM throws): the agent's sessions take turns here first. */
    private static final Object IN_PROCESS = new Object();
    private final Path knownHosts;

    public PinnedHostKeys(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    /** The sibling lock file of {@code knownHosts} (what {@link SshPaths#knownHostsLock()} names for the managed one). */
    static Path lockFile(Path knownHosts) {
        return knownHosts.resolveSibling(knownHosts.getFileName() + ".lock");
    }

    public Path file() {
        return knownHosts;
    }

    /**
     * Pins {@code entry}; false when there was nothing to do or the file does not exist (config-ssh was
     * never run: the user's ssh does not read it, and devws creates nothing it was not asked for).
     */
    public boolean refresh(KnownHostsEntry entry) throws IOException {
        if (!Files.isRegularFile(knownHosts)) {
            return false;
        }
        String before = Files.readString(knownHosts);
        if (KnownHostsFile.pin(before, entry).equals(before)) {
            return false;
        }
        synchronized (IN_PROCESS) {
            return refreshLocked(entry);
        }
    }

    private boolean refreshLocked(KnownHostsEntry entry) throws IOException {
        Path lock = lockFile(knownHosts);
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-------"));
            // another ProxyCommand may have written it while this one waited for the lock
            String current = Files.readString(knownHosts);
            String after = KnownHostsFile.pin(current, entry);
            if (after.equals(current)) {
                return false;
            }
            AtomicFiles.write(knownHosts, after);
            return true;
        }
    }
}
