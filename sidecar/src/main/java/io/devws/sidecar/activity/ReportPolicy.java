package io.devws.sidecar.activity;

import java.time.Duration;
import java.time.Instant;

/**
 * When to report activity (pure): only while a session is open or bytes flowed since the last
 * look, and at most once per {@code interval}, so an idle workspace costs the API server nothing
 * and a busy one one PATCH a minute.
 */
public record ReportPolicy(Duration interval) {
    public static final ReportPolicy DEFAULT = new ReportPolicy(Duration.ofMinutes(1));

    /** @param lastReport null before the first report */
    public boolean shouldReport(boolean active, Instant now, Instant lastReport) {
        return active && (lastReport == null || !now.isBefore(lastReport.plus(interval)));
    }
}
