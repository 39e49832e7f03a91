package io.devws.cli.sshconfig;

import java.nio.file.Path;

/**
 * The two devws-managed files, both rewritten on every run. {@code ~/.ssh/devws/config}, included at the top of
 * {@code ~/.ssh/config}, says how devws hosts are reached (ProxyCommand, pinned known_hosts): OpenSSH keeps the
 * first value it obtains, so nothing later overrides that. {@code ~/.ssh/devws/defaults}, included at the end,
 * holds the rest (agent forwarding, keepalives, identity, connection sharing, {@code -o} options): any value the
 * user's own config sets for a devws host comes first and wins. In the first file the local block comes first
 * because {@code *.local.devws} also matches {@code *.devws}.
 */
public record ManagedSshConfig(Path devwsExecutable, SshPaths paths, ConfigSshOptions options) {
    public static final String HEADER = "# Managed by `devws config-ssh`: rewritten on every run, edit ~/.ssh/config instead.";
    /** Unix socket paths hold 108 bytes; ssh first binds ControlPath plus a 17-character temporary suffix. */
    static final int MAX_CONTROL_PATH = 90;
    /**
     * ssh runs the ProxyCommand through the shell with {@code %h} expanded as typed: single-quoted, a host name
     * cannot become shell syntax (OpenSSH 9.2+ also refuses metacharacters in it; older ones and a HostName may not).
     */
    static final String HOST_TOKEN = "'%h'";
    /** What {@code %C} in ControlPath grows by: two characters become a 40-character hash. */
    private static final int CONTROL_HASH_GROWTH = 40 - 2;

    public ManagedSshConfig {
        if (options.controlPersist() != null) {
            int length = paths.controlPath().toString().length() + CONTROL_HASH_GROWTH;
            if (length > MAX_CONTROL_PATH) {
                throw new SshConfigException("--multiplex: the control sockets would live in " + paths.devwsDir()
                        + ", a path too long for a Unix socket (" + length + " > " + MAX_CONTROL_PATH
                        + " characters); run config-ssh with a shorter HOME or with --no-multiplex");
            }
        }
    }

    public HostSuffix suffix() {
        return options.suffix();
    }

    /** {@code ~/.ssh/devws/config}: how devws hosts are reached, and the options this run used. */
    public String render() {
        StringBuilder out = new StringBuilder(HEADER).append('\n')
                .append("# How devws hosts are reached; their defaults are in ").append(paths.managedDefaults().getFileName())
                .append(", included last so that your own settings win.\n")
                .append("# The options of this run, which the next run keeps unless told otherwise:\n");
        options.recordLines().forEach(line -> out.append(line).append('\n'));
        HostSuffix suffix = options.suffix();
        String suffixOption = suffix.equals(HostSuffix.DEFAULT) ? "" : "--host-suffix " + suffix.value() + " ";
        String shared = options.controlPersist() != null ? "--shared " : "";
        connection(out, suffix.localPattern(), "ssh --local --stdio " + shared + suffixOption + HOST_TOKEN);
        connection(out, suffix.clusterPattern(), "ssh --stdio " + shared + suffixOption + HOST_TOKEN);
        return out.toString();
    }

    private void connection(StringBuilder out, String pattern, String arguments) {
        out.append('\n')
                .append("Host ").append(pattern).append('\n')
                .append("  ProxyCommand ").append(SshConfigQuoting.proxyCommandWord(devwsExecutable.toString())).append(' ').append(arguments).append('\n')
                .append("  UserKnownHostsFile ").append(SshConfigQuoting.pathArgument(paths.knownHosts().toString())).append('\n')
                .append("  StrictHostKeyChecking yes\n");
    }

    /** The ciphers the devws server offers, in the order that moves the most bytes per CPU second there. */
    static final String PREFERRED_CIPHERS = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";

    /** {@code ~/.ssh/devws/defaults}: what devws hosts get unless the user's config says otherwise first. */
    public String renderDefaults() {
        StringBuilder out = new StringBuilder(HEADER).append('\n')
                .append("# Defaults for devws hosts: ~/.ssh/config includes this last, so a value your own config sets first wins.\n")
                .append('\n')
                // local workspaces run as you on this machine: forwarding gives them nothing your user lacks
                .append("Host ").append(options.suffix().localPattern()).append('\n')
                .append("  ForwardAgent yes\n");
        // on a cluster, only to the workspaces named (--forward-agent), never to every host under the suffix:
        // whoever may exec into a workspace pod may use an agent forwarded into it
        options.forwardAgent().forEach(ws -> out.append('\n').append("Host ").append(options.suffix().clusterHost(ws))
                .append('\n').append("  ForwardAgent yes\n"));
        out.append('\n')
                .append("Host ").append(options.suffix().clusterPattern()).append('\n')
                .append("  ServerAliveInterval ").append(options.serverAliveInterval()).append('\n')
                .append("  ServerAliveCountMax 4\n")
                .append("  IdentityFile ").append(SshConfigQuoting.pathArgument(paths.identity().toString())).append('\n');
        if (options.controlPersist() != null) {
            out.append("  ControlMaster auto\n")
                    // %C stays a token: only the directory part is escaped
                    .append("  ControlPath ").append(SshConfigQuoting.pathArgument(paths.controlPath().toString()
                            .replace("%C", "CONTROLHASH")).replace("CONTROLHASH", "%C")).append('\n')
                    .append("  ControlPersist ").append(options.controlPersist()).append('\n');
        }
        options.sshOptions().forEach((k, v) -> out.append("  ").append(k).append(' ').append(v).append('\n'));
        if (options.sshOptions().keySet().stream().noneMatch("Ciphers"::equalsIgnoreCase)) {
            // AES-GCM first: the workspace's SSH server is Java, where GCM (AES and GHASH intrinsics) costs less
            // than OpenSSH's own first choice it does not offer (chacha20) and its second (AES-CTR + HMAC):
            // docs/benchmarks-e2e.md, run 20
            out.append("  Ciphers ").append(PREFERRED_CIPHERS).append('\n');
        }
        return out.toString();
    }
}
