package io.devws.sidecar.config;

import io.devws.model.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one SSH connection may use (docs/security.md, "Limits per connection"), each from its DEVWS_* variable.
 *
 * @param maxChannels  channels open at once (sessions, forwards, agent connections)
 * @param maxListeners {@code ssh -R} listeners, TCP and Unix-socket together
 * @param acceptEnv    names of client variables a session takes (as OpenSSH's AcceptEnv: {@code LC_*} is a prefix)
 * @param maxEnv       variables one session takes from its client
 * @param maxEnvBytes  size of one variable, name and value
 * @param authTimeout  time from connecting to being authenticated (a pre-auth peer that stalls is cut off)
 */
public record ConnectionLimits(int maxChannels, int maxListeners, List<String> acceptEnv, int maxEnv, int maxEnvBytes,
                               Duration authTimeout) {
    public static final String ENV_MAX_CHANNELS = "DEVWS_MAX_CHANNELS";
    public static final String ENV_MAX_LISTENERS = "DEVWS_MAX_LISTENERS";
    public static final String ENV_ACCEPT_ENV = "DEVWS_ACCEPT_ENV";
    public static final String ENV_MAX_ENV = "DEVWS_MAX_ENV";
    public static final String ENV_MAX_ENV_BYTES = "DEVWS_MAX_ENV_BYTES";
    public static final String ENV_AUTH_TIMEOUT = "DEVWS_AUTH_TIMEOUT";

    /** Debian's sshd accepts LANG and LC_*; the rest are what terminals and git send. */
    public static final String DEFAULT_ACCEPT_ENV = "LANG LC_* TZ COLORTERM NO_COLOR TERM_PROGRAM TERM_PROGRAM_VERSION GIT_PROTOCOL";

    public static ConnectionLimits defaults() {
        return fromEnvironment(Map.of());
    }

    /** @throws IllegalArgumentException with one line naming the bad variable */
    public static ConnectionLimits fromEnvironment(Map<String, String> env) {
        String accept = env.getOrDefault(ENV_ACCEPT_ENV, DEFAULT_ACCEPT_ENV);
        return new ConnectionLimits(positive(env, ENV_MAX_CHANNELS, 64), positive(env, ENV_MAX_LISTENERS, 32),
                Arrays.stream(accept.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList(),
                positive(env, ENV_MAX_ENV, 32), positive(env, ENV_MAX_ENV_BYTES, 4096), authTimeout(env));
    }

    /** Whether a session takes the client's variable {@code name} (within the count and size caps). */
    public boolean acceptsEnv(String name) {
        for (String pattern : acceptEnv) {
            if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static int positive(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + v + "'");
    }

    private static Duration authTimeout(Map<String, String> env) {
        String v = env.get(ENV_AUTH_TIMEOUT);
        if (v == null || v.isBlank()) {
            return Duration.ofSeconds(30);
        }
        Duration d;
        try {
            d = Durations.parse(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_AUTH_TIMEOUT + " must be a duration such as 30s or 1m, not '" + v + "'");
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(ENV_AUTH_TIMEOUT + " must be longer than 0s, not '" + v + "'");
        }
        return d;
    }
}
