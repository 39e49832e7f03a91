package io.devws.sidecar.session.kube;

import io.devws.testing.ExecTestServer;

/**
 * The same sessions over WebSocket v4 only, where the exec's stdin cannot half-close and stdin
 * EOF goes through the session's relay ({@link SessionScript#STDIN_EOF}).
 */
class KubeSessionExecutorV4Test extends KubeSessionExecutorTest {
    @Override
    ExecTestServer.Offer offer() {
        return ExecTestServer.Offer.V4;
    }
}
