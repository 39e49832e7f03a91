package io.devws.cli.doctor;

/** One doctor step's outcome: what was checked, what was found, and what to do when it failed. */
public record Check(String title, Outcome outcome, String detail, String hint) {
    public enum Outcome { PASS, FAIL, SKIP }

    public static Check pass(String title, String detail) {
        return new Check(title, Outcome.PASS, detail, null);
    }

    public static Check fail(String title, String detail, String hint) {
        return new Check(title, Outcome.FAIL, detail, hint);
    }

    public static Check skip(String title, String why) {
        return new Check(title, Outcome.SKIP, why, null);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    /** {@code ✔ title: detail}, {@code ✘ title: detail} plus an indented hint, or {@code - title: skipped (why)}. */
    public String render() {
        String mark = switch (outcome) {
            case PASS -> "✔";
            case FAIL -> "✘";
            case SKIP -> "-";
        };
        StringBuilder out = new StringBuilder(mark).append(' ').append(title);
        if (outcome == Outcome.SKIP) {
            out.append(": skipped (").append(detail).append(')');
        } else if (detail != null && !detail.isBlank()) {
            out.append(": ").append(detail);
        }
        if (hint != null) {
            out.append("\n    hint: ").append(hint);
        }
        return out.append('\n').toString();
    }
}
