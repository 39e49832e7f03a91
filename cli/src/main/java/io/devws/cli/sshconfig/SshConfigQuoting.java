package io.devws.cli.sshconfig;

/** Quoting for values written into ssh_config, where {@code %} starts a token. */
final class SshConfigQuoting {
    private SshConfigQuoting() {
    }

    /** A path as an ssh_config argument (IdentityFile, UserKnownHostsFile, Include). */
    static String pathArgument(String path) {
        if (path.indexOf('"') >= 0 || path.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("path " + path + " contains a quote or newline; ssh_config cannot express it");
        }
        String escaped = path.replace("%", "%%");
        return escaped.indexOf(' ') >= 0 || escaped.indexOf('\t') >= 0 ? '"' + escaped + '"' : escaped;
    }

    /** The first word of a ProxyCommand, which OpenSSH runs through {@code $SHELL -c}: double-quoted for the shell. */
    static String proxyCommandWord(String path) {
        if (path.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("path " + path + " contains a newline");
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : path.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                quoted.append('\\');
            }
            quoted.append(c == '%' ? "%%" : String.valueOf(c));
        }
        return quoted.append('"').toString();
    }
}
