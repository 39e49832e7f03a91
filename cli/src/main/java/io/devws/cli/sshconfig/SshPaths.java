package io.devws.cli.sshconfig;

import java.nio.file.Path;

/**
 * Where config-ssh reads and writes, all derived from one home directory. Paths are written
 * absolute into ssh_config: OpenSSH expands {@code ~} from the passwd entry, not from $HOME.
 */
public record SshPaths(Path userConfig, Path devwsDir) {
    public static SshPaths forHome(Path home) {
        Path ssh = home.resolve(".ssh");
        return new SshPaths(ssh.resolve("config"), ssh.resolve("devws"));
    }

    public static SshPaths of(Path home, Path userConfigOverride) {
        SshPaths defaults = forHome(home);
        return userConfigOverride == null ? defaults : new SshPaths(userConfigOverride.toAbsolutePath(), defaults.devwsDir());
    }

    public Path managedConfig() {
        return devwsDir.resolve("config");
    }

    /** devws's defaults for its hosts, included at the end of the user's config. */
    public Path managedDefaults() {
        return devwsDir.resolve("defaults");
    }

    public Path knownHosts() {
        return devwsDir.resolve("known_hosts");
    }

    /** The lock the ProxyCommands take turns on while one re-pins a key ({@link PinnedHostKeys}). */
    public Path knownHostsLock() {
        return devwsDir.resolve("known_hosts.lock");
    }

    public Path identity() {
        return devwsDir.resolve("id_ed25519");
    }

    public Path identityPublic() {
        return devwsDir.resolve("id_ed25519.pub");
    }

    /** OpenSSH's connection-sharing sockets (one per user, host and port: {@code %C}), in the user's own 0700 directory. */
    public Path controlPath() {
        return devwsDir.resolve("cm-%C");
    }

    /** The one backup of the user's config, taken before devws first changes it. */
    public Path userConfigBackup() {
        return userConfig.resolveSibling(userConfig.getFileName() + ".devws-backup");
    }
}
