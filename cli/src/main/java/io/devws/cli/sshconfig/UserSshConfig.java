package io.devws.cli.sshconfig;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own {@code ~/.ssh/config}: devws only ever adds one {@code Include} line at the top
 * (before any Host or Match, where it applies to every host) and never rewrites other lines.
 */
public final class UserSshConfig {
    static final String COMMENT = "# Added by devws config-ssh (keep it above any Host or Match):";
    private static final Pattern LINE = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)(\\s*=\\s*|\\s+)(.*)");

    private UserSshConfig() {
    }

    /** The config with the Include of {@code managedConfig} at the top; unchanged when already there. */
    public static String withInclude(String existing, String managedConfig) {
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
        String include = COMMENT + "\nInclude " + SshConfigQuoting.pathArgument(managedConfig) + "\n";
        return existing.isEmpty() ? include : include + "\n" + existing;
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
