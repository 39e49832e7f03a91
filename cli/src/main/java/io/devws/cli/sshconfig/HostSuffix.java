package io.devws.cli.sshconfig;

import java.util.regex.Pattern;

/**
 * The ssh host names devws answers: {@code NAME[.NAMESPACE].SUFFIX} for cluster workspaces and
 * {@code NAME.local.SUFFIX} for the --local backend.
 */
public record HostSuffix(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
    public static final HostSuffix DEFAULT = new HostSuffix("devws");

    public HostSuffix {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid host suffix '" + value + "': use lowercase letters, digits, '.' and '-', e.g. devws");
        }
    }

    public String clusterPattern() {
        return "*." + value;
    }

    public String localSuffix() {
        return "local." + value;
    }

    public String localPattern() {
        return "*." + localSuffix();
    }

    /** Host name of a cluster workspace; the short form is for the current namespace. */
    public String clusterHost(String name, String namespace) {
        return namespace == null ? name + "." + value : name + "." + namespace + "." + value;
    }

    /** Host name of a cluster workspace given as NAME or NAME.NAMESPACE. */
    public String clusterHost(String workspace) {
        return workspace + "." + value;
    }

    public String localHost(String name) {
        return name + "." + localSuffix();
    }

    public boolean isLocalHost(String host) {
        return host.endsWith("." + localSuffix());
    }
}
