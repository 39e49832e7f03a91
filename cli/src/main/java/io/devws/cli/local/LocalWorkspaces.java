package io.devws.cli.local;

import io.devws.cli.sshconfig.AtomicFiles;
import io.devws.cli.sshconfig.IdentityKey;
import io.devws.cli.workspace.WorkspaceInfo;
import io.devws.transport.keys.HostKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The --local backend: workspaces as folders under {@code ~/.devws/local}, no cluster needed. */
public final class LocalWorkspaces {
    private final Path home;

    public LocalWorkspaces(Path home) {
        this.home = home;
    }

    public static LocalWorkspaces forUser() {
        return new LocalWorkspaces(Path.of(System.getProperty("user.home")));
    }

    public LocalLayout layout(String name) {
        return LocalLayout.of(home, name);
    }

    /** Creates the folders and the host key (so config-ssh can pin it before the first connection). */
    public LocalLayout up(String name) {
        LocalLayout layout = layout(name);
        try {
            AtomicFiles.privateDirectory(layout.dir());
            Files.createDirectories(layout.workdir());
            AtomicFiles.privateDirectory(layout.agentDir());
            AtomicFiles.privateDirectory(layout.socketDir());
            if (!Files.exists(layout.hostKey())) {
                IdentityKey.generate(layout.hostKey(), layout.hostPublicKey(), "devws-host@" + name);
            }
        } catch (IOException e) {
            throw new LocalException("cannot create local workspace " + name + " in " + layout.dir() + ": " + e.getMessage(), e);
        }
        return layout;
    }

    public Optional<LocalLayout> find(String name) {
        LocalLayout layout = layout(name);
        return Files.isRegularFile(layout.hostPublicKey()) ? Optional.of(layout) : Optional.empty();
    }

    public LocalLayout require(String name) {
        return find(name).orElseThrow(() -> new LocalException("local workspace " + name + " not found: create it with `devws up --local " + name + "`"));
    }

    public List<LocalLayout> list() {
        Path root = LocalLayout.root(home);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().map(this::find).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean stop(String name) {
        return new LocalDaemon(require(name)).stop();
    }

    /** Stops the daemon and removes the whole folder, working directory included. */
    public void delete(String name) {
        LocalLayout layout = require(name);
        new LocalDaemon(layout).stop();
        try (Stream<Path> all = Files.walk(layout.dir())) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new LocalException("cannot delete " + layout.dir() + ": " + e.getMessage(), e);
        }
    }

    public String hostPublicKey(LocalLayout layout) {
        try {
            return Files.readString(layout.hostPublicKey()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WorkspaceInfo info(LocalLayout layout) {
        LocalDaemon daemon = new LocalDaemon(layout);
        boolean running = daemon.running();
        String key = hostPublicKey(layout);
        String created;
        try {
            created = Files.readAttributes(layout.dir(), BasicFileAttributes.class).creationTime().toInstant().toString();
        } catch (IOException e) {
            created = null;
        }
        return new WorkspaceInfo(layout.name(), null, WorkspaceInfo.LOCAL, running ? "Running" : "Stopped", "local",
                running ? daemon.pid().map(p -> "pid " + p).orElse(null) : null, created, List.of(),
                key, HostKeys.fingerprint(key), null, null,
                running ? null : "the daemon starts on the next connection");
    }
}
