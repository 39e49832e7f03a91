package io.devws.cli.sshconfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code config-ssh --remove}: the user's config without devws's two blocks (exactly as before them, written
 * through a symlink to its target), and the managed files gone. Control sockets of open shared connections
 * and anything else in {@code ~/.ssh/devws} stay; the directory goes once empty.
 */
public final class ConfigSshRemoval {
    private final SshPaths paths;
    private final FileChange userConfig;
    private final List<Path> deletions;

    private ConfigSshRemoval(SshPaths paths, FileChange userConfig, List<Path> deletions) {
        this.paths = paths;
        this.userConfig = userConfig;
        this.deletions = deletions;
    }

    public static ConfigSshRemoval compute(SshPaths paths) throws IOException {
        String before = ConfigSshPlan.read(paths.userConfig());
        String after = before == null ? null
                : UserSshConfig.withoutIncludes(before, paths.managedConfig().toString(), paths.managedDefaults().toString());
        List<Path> deletions = new java.util.ArrayList<>(List.of(paths.managedConfig(), paths.managedDefaults(), paths.knownHosts(),
                paths.knownHostsLock(), paths.identity(), paths.identityPublic(), paths.userConfigBackup()).stream()
                .filter(p -> Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList());
        deletions.addAll(leftoverTemporaries(paths));
        return new ConfigSshRemoval(paths, before == null ? null : new FileChange(paths.userConfig(), before, after), deletions);
    }

    /**
     * What an interrupted {@link AtomicFiles#write} of a managed file left behind ({@code .NAME.*.tmp}): devws's
     * too. Anything else in the directory (an open --multiplex socket, the user's own files) is not.
     */
    private static List<Path> leftoverTemporaries(SshPaths paths) throws IOException {
        if (!Files.isDirectory(paths.devwsDir())) {
            return List.of();
        }
        List<String> managed = List.of(paths.managedConfig(), paths.managedDefaults(), paths.knownHosts(), paths.identity(),
                paths.identityPublic()).stream().map(p -> "." + p.getFileName() + ".").toList();
        try (var files = Files.list(paths.devwsDir())) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".tmp") && managed.stream().anyMatch(name::startsWith) && Files.isRegularFile(p);
            }).sorted().toList();
        }
    }

    public boolean changesNothing() {
        return deletions.isEmpty() && (userConfig == null || !userConfig.changes());
    }

    /** No backup means there was no config before devws's first run (it backs up any existing one, even empty). */
    private boolean createdByDevws() {
        return userConfig.after().isEmpty() && !Files.exists(paths.userConfigBackup())
                && Files.isRegularFile(userConfig.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    public void printDiff(PrintStream out) {
        if (userConfig != null && userConfig.changes()) {
            out.print(userConfig.diff());
        }
        deletions.forEach(p -> out.println("# would delete " + p));
    }

    public void apply() throws IOException {
        if (userConfig != null && userConfig.changes()) {
            if (createdByDevws()) {
                Files.delete(userConfig.path());
            } else {
                AtomicFiles.write(userConfig.path(), userConfig.after());
            }
        }
        for (Path file : deletions) {
            Files.deleteIfExists(file);
        }
        if (Files.isDirectory(paths.devwsDir())) {
            try (var rest = Files.list(paths.devwsDir())) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(paths.devwsDir());
                }
            }
        }
    }
}
