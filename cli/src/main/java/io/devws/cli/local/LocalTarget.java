package io.devws.cli.local;

import java.util.Locale;

/** A --local workspace as the user or ssh names it: {@code NAME} or {@code NAME.local.SUFFIX}. */
public final class LocalTarget {
    private LocalTarget() {
    }

    public static String name(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        int dot = name.indexOf(".local.");
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        if (name.contains(".")) {
            throw new IllegalArgumentException("cannot read local workspace '" + text + "': use NAME or NAME.local.devws");
        }
        return name;
    }
}
