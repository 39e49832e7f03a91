package io.devws.sidecar.activity;

import io.devws.model.SidecarContract;
import java.time.Duration;
import java.time.Instant;

/**
 * When to report activity (pure): only while a connection is open or bytes flowed since the last
 * look, and at most once per {@code interval}, so an idle workspace costs the API server nothing
 * and a busy one two PATCHes a minute. The operator's grace covers the interval (docs/idle-stop.md).
 */
public record ReportPolicy(Duration interval) {
    public static final ReportPolicy DEFAULT = new ReportPolicy(SidecarContract.ACTIVITY_REPORT_INTERVAL);

    /** @param lastReport null before the first report */
    public boolean shouldReport(boolean active, Instant now, Instant lastReport) {
        return active && (lastReport == null || !now.isBefore(lastReport.plus(interval)));
    }
}
