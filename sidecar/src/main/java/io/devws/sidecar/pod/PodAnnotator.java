package io.devws.sidecar.pod;

import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.Map;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Writes the last-activity annotation (RFC 3339, seconds) onto the sidecar's own pod with a JSON merge patch. */
public final class PodAnnotator {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final KubernetesClient client;
    private final String namespace;
    private final String pod;

    public PodAnnotator(KubernetesClient client, String namespace, String pod) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
    }

    public static String patch(Instant when) {
        String time = DateTimeFormatter.ISO_INSTANT.format(when.truncatedTo(ChronoUnit.SECONDS));
        return "{\"metadata\":{\"annotations\":{\"" + SidecarContract.ANNOTATION_LAST_ACTIVITY + "\":\"" + time + "\"}}}";
    }

    /** The session path and its reason, for the operator to copy into the workspace's status. */
    public static String patch(String path, String reason) {
        return SERIALIZATION.asJson(Map.of("metadata", Map.of("annotations", Map.of(
                SidecarContract.ANNOTATION_SESSION_PATH, path, SidecarContract.ANNOTATION_SESSION_PATH_REASON, reason))));
    }

    public void annotateSessionPath(String path, String reason) {
        client.pods().inNamespace(namespace).withName(pod)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch(path, reason));
    }

    public void annotate(Instant when) {
        client.pods().inNamespace(namespace).withName(pod)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch(when));
    }

    @Override
    public String toString() {
        return "pod " + namespace + "/" + pod;
    }
}
