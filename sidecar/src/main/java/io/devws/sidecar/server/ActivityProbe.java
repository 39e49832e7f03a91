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
}
