package io.devws.sidecar.session.host;

import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SessionProcess;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each session goes to the session host when it answers, else to the per-session exec executor:
 * never a broken session. A host that refuses a session is reported dead (the supervisor restarts it)
 * and that session still starts through the fallback.
 */
public final class RoutingSessionExecutor implements SessionExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingSessionExecutor.class);

    private final HostSupervisor supervisor;
    private final SessionExecutor host;
    private final SessionExecutor fallback;

    public RoutingSessionExecutor(HostSupervisor supervisor, SessionExecutor host, SessionExecutor fallback) {
        this.supervisor = supervisor;
        this.host = host;
        this.fallback = fallback;
    }

    @Override
    public SessionProcess start(ProcessSpec spec) throws IOException {
        if (supervisor.hostAlive()) {
            try {
                return host.start(spec);
            } catch (IOException | RuntimeException e) {
                LOG.warn("the session host refused a session, using one exec for it: {}", e.toString());
                supervisor.hostDead();
            }
        }
        return fallback.start(spec);
    }

    @Override
    public void close() {
        supervisor.close();
        host.close();
        fallback.close();
    }
}
