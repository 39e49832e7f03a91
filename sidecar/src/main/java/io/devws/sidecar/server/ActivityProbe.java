package io.devws.sidecar.server;

/**
 * A cheap look at the daemon's activity, for idle-stop reporting: poll it, compare with the last
 * poll. Both calls are lock-free counters.
 */
public interface ActivityProbe {
    /** SSH connections open right now. */
    int openConnections();

    /** Bytes moved over all SSH connections since the daemon started (monotonic). */
    long bytesTransferred();

    /** True when a connection is open or bytes flowed since {@code previousBytes} (a former {@link #bytesTransferred()}). */
    default boolean activeSince(long previousBytes) {
        return openConnections() > 0 || bytesTransferred() != previousBytes;
    }
}
