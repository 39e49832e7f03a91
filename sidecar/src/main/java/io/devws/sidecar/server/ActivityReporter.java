package io.devws.sidecar.server;

import io.devws.sidecar.config.SidecarConfig;

/**
 * Reports activity somewhere (the kube implementation renews the workspace's activity Lease). Implementations register through {@code META-INF/services}; {@code serve
 * --report-activity} starts each one found with the daemon's {@link ActivityProbe}.
 */
public interface ActivityReporter {
    /** Starts reporting; the returned handle stops it when the daemon shuts down. */
    AutoCloseable start(ActivityProbe probe, SidecarConfig config) throws Exception;
}
