package io.devws.cli.sshconfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything {@code devws config-ssh} would change, computed before anything is written, so a bad
 * input fails with nothing half-written and {@code --dry-run} can show the exact diff. Nothing is
 * written (not even the backup) before OpenSSH has accepted the result ({@link OpenSshCheck}).
 */
public final class ConfigSshPlan {
    private final SshPaths paths;
    private final HostSuffix suffix;
    private final List<FileChange> changes;
    private final boolean generateIdentity;

    private ConfigSshPlan(SshPaths paths, HostSuffix suffix, List<FileChange> changes, boolean generateIdentity) {
        this.paths = paths;
        this.suffix = suffix;
        this.changes = changes;
        this.generateIdentity = generateIdentity;
    }

    /**
     * @param knownHosts   this run's pinned keys
     * @param ownedByRun   which existing known_hosts entries this run replaces
     */
    public static ConfigSshPlan compute(SshPaths paths, ManagedSshConfig managed, List<KnownHostsEntry> knownHosts,
                                        Predicate<String> ownedByRun) throws IOException {
        String userBefore = readUserConfig(paths);
        String userAfter = UserSshConfig.withIncludes(userBefore == null ? "" : userBefore,
                paths.managedConfig().toString(), paths.managedDefaults().toString());
        String hostsBefore = read(paths.knownHosts());
        String hostsAfter = KnownHostsFile.render(hostsBefore == null ? "" : hostsBefore, knownHosts, ownedByRun);
        List<FileChange> changes = List.of(
                new FileChange(paths.userConfig(), userBefore, userAfter),
                new FileChange(paths.managedConfig(), read(paths.managedConfig()), managed.render()),
                new FileChange(paths.managedDefaults(), read(paths.managedDefaults()), managed.renderDefaults()),
                new FileChange(paths.knownHosts(), hostsBefore, hostsAfter));
        return new ConfigSshPlan(paths, managed.suffix(), changes, !Files.exists(paths.identity()));
    }

    /** The user's config, after checking that devws can build on it. */
    static String readUserConfig(SshPaths paths) throws IOException {
        String userBefore = read(paths.userConfig());
        if (userBefore != null) {
            UserSshConfig.validate(userBefore, paths.userConfig().toString());
        }
        return userBefore;
    }

    static String read(Path file) throws IOException {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SshConfigException(file + " is not UTF-8 text, which devws cannot edit byte for byte; nothing was changed", e);
        }
    }

    public boolean changesNothing() {
        return !generateIdentity && changes.stream().noneMatch(FileChange::changes);
    }

    public void printDiff(PrintStream out) {
        if (generateIdentity) {
            out.println("# would generate the devws identity key " + paths.identity());
        }
        changes.stream().filter(FileChange::changes).forEach(c -> out.print(c.diff()));
    }

    /** OpenSSH's verdict on the files as they would be written ({@code ssh -G}); writes nothing. */
    public OpenSshCheck.Verdict check() throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        changes.forEach(c -> files.put(c.path(), c.after()));
        files.remove(paths.knownHosts());
        return OpenSshCheck.check(files, suffix);
    }

    /**
     * Checks the result with OpenSSH, then writes the changed files; backs up the user's config once, before its
     * first change.
     */
    public OpenSshCheck.Verdict apply() throws IOException {
        OpenSshCheck.Verdict verdict = check();
        checkWritable();
        AtomicFiles.privateDirectory(paths.devwsDir());
        if (generateIdentity) {
            IdentityKey.generate(paths.identity(), paths.identityPublic());
        }
        for (FileChange change : changes) {
            if (!change.changes()) {
                continue;
            }
            if (change.path().equals(paths.userConfig())) {
                backupOnce(change);
            }
            AtomicFiles.privateDirectory(change.path().toAbsolutePath().getParent());
            AtomicFiles.write(change.path(), change.after());
        }
        return verdict;
    }

    /** Every file this plan writes can be written: checked before the first write, so a failure leaves nothing behind. */
    private void checkWritable() {
        List<Path> targets = new ArrayList<>();
        changes.stream().filter(FileChange::changes).forEach(c -> targets.add(c.path()));
        if (generateIdentity) {
            targets.add(paths.identity());
        }
        if (changes.stream().anyMatch(c -> c.changes() && c.path().equals(paths.userConfig()))) {
            targets.add(paths.userConfigBackup());
        }
        for (Path target : targets) {
            Path existing = target.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            boolean ok = existing != null && (existing.equals(target.toAbsolutePath())
                    ? Files.isWritable(existing) && Files.isWritable(existing.getParent()) : Files.isWritable(existing));
            if (!ok) {
                throw new SshConfigException("cannot write " + target + ": " + existing + " is read-only; nothing was changed"
                        + " (make it writable, or point --ssh-config at a writable file)");
            }
        }
    }

    private void backupOnce(FileChange change) throws IOException {
        if (change.before() != null && !Files.exists(paths.userConfigBackup())) {
            Files.copy(change.path(), paths.userConfigBackup(), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    public List<FileChange> changes() {
        return changes;
    }
}
