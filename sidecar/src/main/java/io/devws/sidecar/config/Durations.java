package io.devws.sidecar.config;

import java.time.Duration;

/**
 * The sidecar's duration flags: the spec's grammar ({@link io.devws.model.Durations}: "30s", "1m30s",
 * "250ms"), plus what the flags accepted before it: plain seconds ("30", "0" to disable) and ISO-8601 ("PT30S").
 */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim();
        if (t.toUpperCase().startsWith("PT")) {
            return Duration.parse(t.toUpperCase());
        }
        if (t.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(t));
        }
        return io.devws.model.Durations.parse(t);
    }
}
