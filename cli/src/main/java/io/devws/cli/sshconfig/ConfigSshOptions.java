package io.devws.cli.sshconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code config-ssh} writes with. Recorded in the managed config ({@code # option: ...} lines), so that the
 * next run starts from it and changes only what its command line names (as Coder's {@code --use-previous-options}).
 *
 * @param controlPersist null: no connection sharing
 * @param sshOptions     extra OpenSSH options for the devws hosts, by keyword as the user spelled it
 * @param forwardAgent   the cluster workspaces (NAME or NAME.NAMESPACE) the agent is forwarded to; never a pattern
 */
public record ConfigSshOptions(HostSuffix suffix, int serverAliveInterval, String controlPersist, Map<String, String> sshOptions,
        Set<String> forwardAgent) {
    public static final ConfigSshOptions DEFAULTS = new ConfigSshOptions(HostSuffix.DEFAULT, 30, null, Map.of(), Set.of());
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    /** NAME or NAME.NAMESPACE, as Kubernetes names them: no ssh pattern characters ({@code * ? !}) can get in. */
    private static final Pattern WORKSPACE = Pattern.compile(LABEL + "(\\." + LABEL + ")?");
    static final String RECORD = "# option: ";
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern PERSIST = Pattern.compile("[0-9]+[smhdwSMHDW]?");
    /** Block structure, and how devws connects and pins host keys: -o cannot change these. */
    private static final Set<String> RESERVED = Set.of("host", "match", "include", "proxycommand", "proxyjump",
            "userknownhostsfile", "stricthostkeychecking");

    public ConfigSshOptions {
        sshOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sshOptions));
        forwardAgent = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(forwardAgent));
    }

    public ConfigSshOptions(HostSuffix suffix, int serverAliveInterval, String controlPersist, Map<String, String> sshOptions) {
        this(suffix, serverAliveInterval, controlPersist, sshOptions, Set.of());
    }

    /** A workspace for --forward-agent: NAME (current namespace) or NAME.NAMESPACE. */
    public static String workspace(String value) {
        if (!WORKSPACE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not NAME or NAME.NAMESPACE of a workspace, e.g. ws.team-a"
                    + " (agent forwarding is per workspace: no patterns)");
        }
        return value;
    }

    /** This with the agent forwarded to {@code workspace} too, or ({@code on} false) no longer. */
    public ConfigSshOptions withForwardAgent(String workspace, boolean on) {
        Set<String> set = new java.util.TreeSet<>(forwardAgent);
        if (on) {
            set.add(workspace(workspace));
        } else {
            set.remove(workspace);
        }
        return new ConfigSshOptions(suffix, serverAliveInterval, controlPersist, sshOptions, set);
    }

    /** ServerAliveInterval: seconds, 0 turns keepalives off. */
    public static int serverAliveInterval(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= 86_400) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("'" + value + "' is not seconds from 0 (off) to 86400, e.g. 30");
    }

    /** ControlPersist for --multiplex: a time such as 600, 10m or 1h. */
    public static String controlPersist(String value) {
        if (!PERSIST.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a time such as 600, 10m or 1h (false turns sharing off)");
        }
        return value;
    }

    /**
     * One {@code -o KEY=VALUE}: an ssh_config keyword and a value on one line (OpenSSH itself checks the value,
     * through {@code ssh -G}, before anything is written). An empty value removes a recorded option.
     *
     * @return {key, value}
     */
    public static String[] sshOption(String spec) {
        int eq = spec.indexOf('=');
        String key = eq < 0 ? spec : spec.substring(0, eq).strip();
        String value = eq < 0 ? null : spec.substring(eq + 1).strip();
        if (value == null || !KEYWORD.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not KEYWORD=VALUE as in ssh_config, e.g. -o Compression=yes (KEYWORD= removes one)");
        }
        if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + spec + "': devws sets " + key + " itself (how devws hosts are reached and their keys pinned)");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || value.chars().filter(c -> c == '"').count() % 2 != 0) {
            throw new IllegalArgumentException("'" + spec + "': the value must be one line with balanced quotes");
        }
        return new String[] {key, value};
    }

    /** This with {@code key} set to {@code value}, replacing any spelling of the same keyword; an empty value removes it. */
    public ConfigSshOptions withSshOption(String key, String value) {
        Map<String, String> options = new LinkedHashMap<>(sshOptions);
        options.keySet().removeIf(k -> k.equalsIgnoreCase(key));
        if (!value.isEmpty()) {
            options.put(key, value);
        }
        return new ConfigSshOptions(suffix, serverAliveInterval, controlPersist, options, forwardAgent);
    }

    public ConfigSshOptions withSuffix(HostSuffix value) {
        return new ConfigSshOptions(value, serverAliveInterval, controlPersist, sshOptions, forwardAgent);
    }

    public ConfigSshOptions withServerAliveInterval(int value) {
        return new ConfigSshOptions(suffix, value, controlPersist, sshOptions, forwardAgent);
    }

    public ConfigSshOptions withControlPersist(String value) {
        return new ConfigSshOptions(suffix, serverAliveInterval, value, sshOptions, forwardAgent);
    }

    /** The {@code # option:} lines of the managed config. */
    List<String> recordLines() {
        List<String> lines = new ArrayList<>();
        lines.add(RECORD + "host-suffix=" + suffix.value());
        lines.add(RECORD + "server-alive-interval=" + serverAliveInterval);
        lines.add(RECORD + "multiplex=" + (controlPersist == null ? "false" : controlPersist));
        sshOptions.forEach((k, v) -> lines.add(RECORD + "ssh-option=" + k + "=" + v));
        forwardAgent.forEach(ws -> lines.add(RECORD + "forward-agent=" + ws));
        return lines;
    }

    /**
     * The options a managed config recorded; defaults for what it does not say (no file, an older devws). A line
     * someone edited into something invalid is skipped, as the file says it is rewritten on every run.
     */
    public static ConfigSshOptions recordedIn(String managedConfig) {
        ConfigSshOptions options = DEFAULTS;
        if (managedConfig == null) {
            return options;
        }
        if (managedConfig.lines().noneMatch(l -> l.startsWith(RECORD))) {
            return fromEarlierFormat(managedConfig);
        }
        for (String line : managedConfig.lines().toList()) {
            if (!line.startsWith(RECORD) || line.indexOf('=') < 0) {
                continue;
            }
            String name = line.substring(RECORD.length(), line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1);
            try {
                options = switch (name) {
                    case "host-suffix" -> options.withSuffix(new HostSuffix(value));
                    case "server-alive-interval" -> options.withServerAliveInterval(serverAliveInterval(value));
                    case "multiplex" -> options.withControlPersist(value.equals("false") ? null : controlPersist(value));
                    case "ssh-option" -> {
                        String[] kv = sshOption(value);
                        yield options.withSshOption(kv[0], kv[1]);
                    }
                    case "forward-agent" -> options.withForwardAgent(value, true);
                    default -> options;
                };
            } catch (IllegalArgumentException e) {
                // an edited line: that option keeps its default
            }
        }
        return options;
    }

    /** A managed config of a devws that recorded no options: what its single file said (suffix, keepalive, sharing). */
    private static ConfigSshOptions fromEarlierFormat(String managedConfig) {
        ConfigSshOptions options = DEFAULTS;
        for (String line : managedConfig.lines().map(String::strip).toList()) {
            String[] words = line.split("\\s+");
            try {
                if (words.length == 2 && words[0].equals("Host") && words[1].startsWith("*.local.")) {
                    options = options.withSuffix(new HostSuffix(words[1].substring("*.local.".length())));
                } else if (words.length == 2 && words[0].equals("ServerAliveInterval")) {
                    options = options.withServerAliveInterval(serverAliveInterval(words[1]));
                } else if (words.length == 2 && words[0].equals("ControlPersist")) {
                    options = options.withControlPersist(controlPersist(words[1]));
                }
            } catch (IllegalArgumentException e) {
                // an edited line: that option keeps its default
            }
        }
        return options;
    }

    /** The command line that gives these options, for {@code --dry-run} and the summary. */
    public String asFlags() {
        StringBuilder flags = new StringBuilder("--host-suffix=").append(suffix.value())
                .append(" --server-alive-interval=").append(serverAliveInterval)
                .append(controlPersist == null ? " --no-multiplex" : " --multiplex=" + controlPersist);
        sshOptions.forEach((k, v) -> flags.append(" -o ").append(shellWord(k + "=" + v)));
        forwardAgent.forEach(ws -> flags.append(" --forward-agent=").append(ws));
        return flags.toString();
    }

    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
