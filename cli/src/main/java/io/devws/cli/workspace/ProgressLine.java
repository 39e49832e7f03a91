package io.devws.cli.workspace;

import java.io.PrintWriter;

/** One line that updates in place on a terminal, or plain lines (only on change) otherwise. */
public final class ProgressLine {
    private final PrintWriter out;
    private final boolean terminal;
    private String last = "";

    public ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void update(String text) {
        if (text.equals(last)) {
            return;
        }
        last = text;
        if (terminal) {
            out.print("\r\033[K" + text);
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** A line that stays (an event): printed above the updating line. */
    public void log(String text) {
        if (terminal) {
            out.print("\r\033[K" + text + "\n" + last);
        } else {
            out.println(text);
        }
        out.flush();
    }

    public void finish() {
        if (terminal && !last.isEmpty()) {
            out.println();
        }
        out.flush();
    }
}
