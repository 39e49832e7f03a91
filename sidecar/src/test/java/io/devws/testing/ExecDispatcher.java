package io.devws.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Optional;

/**
 * Routes {@code pods/exec} WebSocket v4 upgrades (the ones {@link ExecFront} passes on) to
 * {@link ExecSession}s and every other request to the CRUD dispatcher, so one mock API server
 * stores resources and runs execs; refusals as {@link ExecAdmission} decides.
 */
final class ExecDispatcher extends Dispatcher {
    private final KubernetesCrudDispatcher crud;
    private final ExecTestServer server;

    ExecDispatcher(KubernetesCrudDispatcher crud, ExecTestServer server) {
        this.crud = crud;
        this.server = server;
    }

    KubernetesCrudDispatcher crud() {
        return crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!server.authorized(request.getHeader("Authorization"))) {
            return refusal(ExecAdmission.unauthorized());
        }
        Optional<ExecRequest> exec = ExecRequest.parse(request.getPath());
        if (exec.isEmpty()) {
            server.recordApiCall(request.getMethod() + " " + request.getPath());
            return crud.dispatch(request);
        }
        ExecAdmission admission = ExecAdmission.check(exec.get(), crud, server);
        if (!admission.admitted()) {
            return refusal(admission);
        }
        server.recordRequest(admission.request());
        return new MockResponse().withWebSocketUpgrade(new ExecSession(admission.request(), server));
    }

    private static MockResponse refusal(ExecAdmission admission) {
        return new MockResponse().setResponseCode(admission.code()).setHeader("Content-Type", "application/json")
                .setBody(admission.body());
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
