package io.devws.model;

import java.time.Duration;
import java.util.regex.Matcher;

/**
 * Go-style durations ("90s", "1m30s", "2h", "500ms"): the one grammar of the CRD schema ({@link #PATTERN}),
 * the chart's values schema, the sidecar's settings (DEVWS_KEEPALIVE) and the CLI's duration flags.
 */
public final class Durations {
    /** Schema pattern: one or more number+unit parts. */
    public static final String PATTERN = "^([0-9]+(ms|s|m|h))+$";
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h)");

    private Durations() {
    }

    /** Parses a duration; throws IllegalArgumentException with the accepted grammar when malformed. */
    public static Duration parse(String text) {
        if (text == null || !text.matches(PATTERN)) {
            throw new IllegalArgumentException("invalid duration '" + text + "': use a number with ms, s, m or h, e.g. 30s, 30m, 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }

    /** The shortest spec spelling of a duration, e.g. 90 minutes -> "1h30m". */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        if (ms > 0) {
            b.append(ms).append("ms");
        }
        return b.toString();
    }
}
