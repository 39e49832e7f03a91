package io.devws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an exec request may run, answered as an API server does whatever the protocol: 404
 * for a missing pod, 400 for a container not in the pod, the status {@link ExecTestServer#refuseExec}
 * sets (401, 403, 404). Admitted requests are recorded with their container resolved.
 *
 * @param request the resolved request when admitted, else null
 * @param code    the refusal's HTTP status (0 when admitted)
 * @param body    the refusal's Status JSON
 */
record ExecAdmission(ExecRequest request, int code, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean admitted() {
        return request != null;
    }

    static ExecAdmission check(ExecRequest r, KubernetesCrudDispatcher crud, ExecTestServer server) {
        int refusal = server.execRefusal();
        if (refusal == 401) {
            return unauthorized();
        }
        if (refusal == 404) {
            return refuse(404, "NotFound", "pods \"" + r.pod() + "\" not found");
        }
        if (refusal != 0) {
            return refuse(refusal, "Forbidden", "pods \"" + r.pod() + "\" is forbidden: User \"system:serviceaccount:"
                    + r.namespace() + ":default\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \""
                    + r.namespace() + "\"");
        }
        MockResponse pod = crud.handleGet("/api/v1/namespaces/" + r.namespace() + "/pods/" + r.pod());
        if (pod.code() != 200) {
            return refuse(404, "NotFound", "pods \"" + r.pod() + "\" not found");
        }
        List<String> containers = containerNames(pod);
        String container = r.container() != null ? r.container() : containers.isEmpty() ? null : containers.get(0);
        if (container == null || !containers.contains(container)) {
            return refuse(400, "BadRequest", "container " + r.container() + " is not valid for pod " + r.pod());
        }
        ExecRequest resolved = new ExecRequest(r.namespace(), r.pod(), container, r.command(), r.stdin(),
                r.stdout(), r.stderr(), r.tty());
        return new ExecAdmission(resolved, 0, null);
    }

    /** What an API server answers to a request whose credentials it does not accept. */
    static ExecAdmission unauthorized() {
        return refuse(401, "Unauthorized", "Unauthorized");
    }

    private static ExecAdmission refuse(int code, String reason, String message) {
        return new ExecAdmission(null, code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + ExecFrames.quote(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
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
}
