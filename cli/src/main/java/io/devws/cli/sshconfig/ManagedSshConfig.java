package io.devws.cli.sshconfig;

import java.nio.file.Path;

/**
 * Renders {@code ~/.ssh/devws/config}: the whole file belongs to devws and is rewritten on every
 * run. The local block comes first because OpenSSH keeps the first value it obtains for an
 * option and {@code *.local.devws} also matches {@code *.devws}.
 *
 * @param controlPersist null, or OpenSSH connection sharing ({@code ControlMaster auto}) with
 *                       the master kept this long after its last session ({@code ControlPersist})
 */
public record ManagedSshConfig(Path devwsExecutable, HostSuffix suffix, SshPaths paths, int serverAliveInterval,
        String controlPersist) {
    public static final String HEADER = "# Managed by `devws config-ssh`: rewritten on every run, edit ~/.ssh/config instead.";
    /** Unix socket paths hold 108 bytes; ssh first binds ControlPath plus a 17-character temporary suffix. */
    static final int MAX_CONTROL_PATH = 90;
    /** What {@code %C} in ControlPath grows by: two characters become a 40-character hash. */
    private static final int CONTROL_HASH_GROWTH = 40 - 2;

    public ManagedSshConfig {
        if (controlPersist != null) {
            if (!controlPersist.matches("[0-9]+[smhdwSMHDW]?")) {
                throw new IllegalArgumentException("--multiplex takes a time such as 600, 10m or 1h, not '" + controlPersist + "'");
            }
            int length = paths.controlPath().toString().length() + CONTROL_HASH_GROWTH;
            if (length > MAX_CONTROL_PATH) {
                throw new IllegalArgumentException("--multiplex: the control sockets would live in " + paths.devwsDir()
                        + ", a path too long for a Unix socket (" + length + " > " + MAX_CONTROL_PATH
                        + " characters); run config-ssh with a shorter HOME or without --multiplex");
            }
        }
    }

    public String render() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        String suffixOption = suffix.equals(HostSuffix.DEFAULT) ? "" : "--host-suffix " + suffix.value() + " ";
        String shared = controlPersist != null ? "--shared " : "";
        block(out, suffix.localPattern(), "ssh --local --stdio " + shared + suffixOption + "%h");
        block(out, suffix.clusterPattern(), "ssh --stdio " + shared + suffixOption + "%h");
        return out.toString();
    }

    private void block(StringBuilder out, String pattern, String arguments) {
        out.append('\n')
                .append("Host ").append(pattern).append('\n')
                .append("  ProxyCommand ").append(SshConfigQuoting.proxyCommandWord(devwsExecutable.toString())).append(' ').append(arguments).append('\n')
                .append("  ForwardAgent yes\n")
                .append("  ServerAliveInterval ").append(serverAliveInterval).append('\n')
                .append("  ServerAliveCountMax 4\n")
                .append("  UserKnownHostsFile ").append(SshConfigQuoting.pathArgument(paths.knownHosts().toString())).append('\n')
                .append("  StrictHostKeyChecking yes\n")
                .append("  IdentityFile ").append(SshConfigQuoting.pathArgument(paths.identity().toString())).append('\n');
        if (controlPersist != null) {
            out.append("  ControlMaster auto\n")
                    // %C stays a token: only the directory part is escaped
                    .append("  ControlPath ").append(SshConfigQuoting.pathArgument(paths.controlPath().toString()
                            .replace("%C", "CONTROLHASH")).replace("CONTROLHASH", "%C")).append('\n')
                    .append("  ControlPersist ").append(controlPersist).append('\n');
        }
    }
}
