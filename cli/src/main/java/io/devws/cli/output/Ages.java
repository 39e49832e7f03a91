package io.devws.cli.output;

import java.time.Duration;
import java.time.Instant;

/** kubectl's short ages: 42s, 5m, 3h, 2d. */
public final class Ages {
    private Ages() {
    }

    public static String since(Instant then, Instant now) {
        return then == null ? "" : format(Duration.between(then, now));
    }

    public static String format(Duration age) {
        long s = Math.max(0, age.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 2 * 3600) {
            return s / 60 + "m";
        }
        if (s < 48 * 3600) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}
