package io.devws.testing;

/**
 * Resize checks that wait for an observed state, not a fixed time: the remote shell polls its own
 * terminal until the new size has arrived, so no test sleeps before sending a newline and hopes the
 * window-change got there first.
 */
public final class TerminalSize {
    private TerminalSize() {
    }

    /**
     * Shell that waits (up to 20 s) until its terminal's size is no longer {@code initial} ("ROWS COLS"),
     * then prints the size ({@code stty size}): a resize that never arrives prints the old size.
     */
    public static String untilResized(String initial) {
        return "i=0; while [ \"$(stty size)\" = \"" + initial + "\" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; stty size";
    }
}
