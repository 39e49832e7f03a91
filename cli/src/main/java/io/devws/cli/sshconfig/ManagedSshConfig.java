package io.devws.cli.sshconfig;

import java.nio.file.Path;

/**
 * Renders {@code ~/.ssh/devws/config}: the whole file belongs to devws and is rewritten on every
 * run. The local block comes first because OpenSSH keeps the first value it obtains for an
 * option and {@code *.local.devws} also matches {@code *.devws}.
 */
public record ManagedSshConfig(Path devwsExecutable, HostSuffix suffix, SshPaths paths, int serverAliveInterval) {
    public static final String HEADER = "# Managed by `devws config-ssh`: rewritten on every run, edit ~/.ssh/config instead.";

    public String render() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        String suffixOption = suffix.equals(HostSuffix.DEFAULT) ? "" : "--host-suffix " + suffix.value() + " ";
        block(out, suffix.localPattern(), "ssh --local --stdio " + suffixOption + "%h");
        block(out, suffix.clusterPattern(), "ssh --stdio " + suffixOption + "%h");
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
    }
}
