package io.devws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Routes {@code pods/exec} WebSocket upgrades to {@link ExecSession}s and every other request to
 * the CRUD dispatcher, so one mock API server stores resources and runs execs. Exec answers the
 * way an API server does: 404 for a missing pod, 400 for a container not in the pod, 403 when
 * {@link ExecTestServer#denyExec} is on.
 */
final class ExecDispatcher extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesCrudDispatcher crud;
    private final ExecTestServer server;

    ExecDispatcher(KubernetesCrudDispatcher crud, ExecTestServer server) {
        this.crud = crud;
        this.server = server;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Optional<ExecRequest> exec = ExecRequest.parse(request.getPath());
        if (exec.isEmpty()) {
            return crud.dispatch(request);
        }
        ExecRequest r = exec.get();
        if (server.execDenied()) {
            return status(403, "Forbidden", "pods \"" + r.pod() + "\" is forbidden: User \"system:serviceaccount:"
                    + r.namespace() + ":default\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \""
                    + r.namespace() + "\"");
        }
        MockResponse pod = crud.handleGet("/api/v1/namespaces/" + r.namespace() + "/pods/" + r.pod());
        if (pod.code() != 200) {
            return status(404, "NotFound", "pods \"" + r.pod() + "\" not found");
        }
        List<String> containers = containerNames(pod);
        String container = r.container() != null ? r.container() : containers.isEmpty() ? null : containers.get(0);
        if (container == null || !containers.contains(container)) {
            return status(400, "BadRequest", "container " + r.container() + " is not valid for pod " + r.pod());
        }
        ExecRequest resolved = new ExecRequest(r.namespace(), r.pod(), container, r.command(), r.stdin(),
                r.stdout(), r.stderr(), r.tty());
        server.recordRequest(resolved);
        return new MockResponse().withWebSocketUpgrade(new ExecSession(resolved, server));
    }

    private static List<String> containerNames(MockResponse pod) {
        List<String> names = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(pod.getBody().getBytes());
            node.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        } catch (IOException e) {
            // no containers: every exec is refused
        }
        return names;
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                        + ExecFrames.quote(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
