package io.devws.cli.sshconfig;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own {@code ~/.ssh/config}: devws only ever adds two blocks and never rewrites other lines. At the
 * top (before any Host or Match, where it applies to every host) the Include of how devws hosts are reached;
 * at the end, after a {@code Host *} that closes whatever block precedes it, the Include of devws's defaults,
 * so that the user's own settings come first and win. {@link #withoutIncludes} takes out exactly what
 * {@link #withIncludes} added.
 */
public final class UserSshConfig {
    static final String COMMENT = "# Added by devws config-ssh (keep it above any Host or Match):";
    static final String DEFAULTS_COMMENT = "# Added by devws config-ssh: devws's defaults, after your settings so that yours win (keep it last):";
    private static final Pattern LINE = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)(\\s*=\\s*|\\s+)(.*)");

    private UserSshConfig() {
    }

    /** The config with both Includes; unchanged when they are already there (wherever the user moved the last one). */
    public static String withIncludes(String existing, String managedConfig, String managedDefaults) {
        String config = withInclude(existing, managedConfig);
        if (hasIncludeLine(config, managedDefaults)) {
            return config;
        }
        return config + "\n" + defaultsBlock(managedDefaults);
    }

    /** The config as it was before {@link #withIncludes}: devws's blocks taken out, byte for byte. */
    public static String withoutIncludes(String existing, String managedConfig, String managedDefaults) {
        String config = existing;
        String top = topBlock(managedConfig);
        if (config.startsWith(top + "\n")) {
            config = config.substring(top.length() + 1);
        } else if (config.startsWith(top)) {
            config = config.substring(top.length());
        } else {
            config = withoutLines(config, COMMENT, "Include " + SshConfigQuoting.pathArgument(managedConfig));
        }
        String bottom = defaultsBlock(managedDefaults);
        if (config.endsWith("\n" + bottom)) {
            config = config.substring(0, config.length() - bottom.length() - 1);
        } else if (config.contains(bottom)) {
            config = config.replace(bottom, "");
        } else {
            config = withoutLines(config, DEFAULTS_COMMENT, "Include " + SshConfigQuoting.pathArgument(managedDefaults));
        }
        return config;
    }

    private static String topBlock(String managedConfig) {
        return COMMENT + "\nInclude " + SshConfigQuoting.pathArgument(managedConfig) + "\n";
    }

    private static String defaultsBlock(String managedDefaults) {
        return DEFAULTS_COMMENT + "\nHost *\nInclude " + SshConfigQuoting.pathArgument(managedDefaults) + "\n";
    }

    /** Drops lines equal (but for surrounding blanks) to any of {@code drop}: for blocks the user has edited. */
    private static String withoutLines(String config, String... drop) {
        StringBuilder out = new StringBuilder();
        for (String line : config.split("(?<=\n)")) {
            if (!java.util.Arrays.asList(drop).contains(line.strip())) {
                out.append(line);
            }
        }
        return out.toString();
    }

    private static boolean hasIncludeLine(String config, String path) {
        return config.lines().map(l -> LINE.matcher(l.strip())).anyMatch(m -> m.matches()
                && m.group(1).equalsIgnoreCase("include") && includes(m.group(3), path));
    }

    /** The config with the Include of {@code managedConfig} at the top; unchanged when already there. */
    static String withInclude(String existing, String managedConfig) {
        List<String> lines = existing.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            String keyword = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
            if (keyword.equals("host") || keyword.equals("match")) {
                break;
            }
            if (keyword.equals("include") && includes(m.group(3), managedConfig)) {
                return existing;
            }
        }
        return existing.isEmpty() ? topBlock(managedConfig) : topBlock(managedConfig) + "\n" + existing;
    }

    private static boolean includes(String arguments, String path) {
        for (String word : arguments.trim().split("\\s+")) {
            String unquoted = word.replace("\"", "").replace("%%", "%");
            if (unquoted.equals(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks that every line is {@code Keyword value} or {@code Keyword=value} with balanced quotes,
     * as OpenSSH requires, so devws never builds on a file that ssh itself would reject.
     *
     * @throws SshConfigException naming the first bad line
     */
    public static void validate(String content, String fileName) {
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            boolean ok = m.matches() && !m.group(3).isBlank() && m.group(3).chars().filter(c -> c == '"').count() % 2 == 0;
            if (!ok) {
                throw new SshConfigException(fileName + " line " + (i + 1) + " cannot be parsed ('" + line
                        + "'): fix it so `ssh -G host` accepts the file, then run config-ssh again");
            }
        }
    }
}
