package io.devws.host.client;

import io.devws.host.protocol.Frames;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * The stdin bytes the daemon may still send before the host acknowledges them (protocol v1's flow
 * control, docs/session-host.md). A writer takes exactly what it sends: taking a whole chunk for a
 * small write would shrink the window for good, until every write waited a round trip.
 */
final class StdinWindow {
    private long available = Frames.STDIN_WINDOW;
    private boolean ended;

    /** Waits until some window is open; takes and returns at most {@code wanted} bytes of it. */
    synchronized int take(int wanted) throws IOException {
        while (available <= 0) {
            if (ended) {
                throw new IOException("session ended");
            }
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
        int n = (int) Math.min(available, wanted);
        available -= n;
        return n;
    }

    /** The host wrote {@code n} more bytes to the child (or dropped them). */
    synchronized void grant(long n) {
        available += n;
        notifyAll();
    }

    /** The session is over: writers waiting now fail instead of waiting for ever. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized long available() {
        return available;
    }
}
