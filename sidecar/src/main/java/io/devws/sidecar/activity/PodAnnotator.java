package io.devws.sidecar.activity;

import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Writes the last-activity annotation (RFC 3339, seconds) onto the sidecar's own pod with a JSON merge patch. */
final class PodAnnotator {
    private final KubernetesClient client;
    private final String namespace;
    private final String pod;

    PodAnnotator(KubernetesClient client, String namespace, String pod) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
    }

    static String patch(Instant when) {
        String time = DateTimeFormatter.ISO_INSTANT.format(when.truncatedTo(ChronoUnit.SECONDS));
        return "{\"metadata\":{\"annotations\":{\"" + SidecarContract.ANNOTATION_LAST_ACTIVITY + "\":\"" + time + "\"}}}";
    }

    void annotate(Instant when) {
        client.pods().inNamespace(namespace).withName(pod)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch(when));
    }

    @Override
    public String toString() {
        return "pod " + namespace + "/" + pod;
    }
}
