package io.devws.sidecar.activity;

import io.devws.model.SidecarContract;
import io.devws.sidecar.config.SidecarConfig;
import io.devws.sidecar.lease.ActivityLease;
import io.devws.sidecar.server.ActivityProbe;
import io.devws.sidecar.server.ActivityReporter;
import io.devws.sidecar.session.kube.KubeTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code serve --report-activity}: renews the workspace's activity Lease (DEVWS_ACTIVITY_LEASE in
 * DEVWS_POD_NAMESPACE, in-cluster credentials) at most every 30 s while a connection is open or
 * bytes flow; the operator's idle stop reads its renewTime (docs/idle-stop.md).
 */
public final class LeaseActivityReporter implements ActivityReporter {
    static final Duration TICK = SidecarContract.ACTIVITY_TICK;

    @Override
    public AutoCloseable start(ActivityProbe probe, SidecarConfig config) {
        Map<String, String> env = System.getenv();
        KubeTarget target = KubeTarget.fromEnvironment(env);
        ActivityLease lease = ActivityLease.inPod(env, target.namespace()).orElseThrow(ActivityLease::missingName);
        return new ActivityLoop(probe, ReportPolicy.DEFAULT, lease::renew, Clock.systemUTC()).start(TICK);
    }
}
