package io.devws.sidecar.lease;

import io.devws.model.SidecarContract;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's activity Lease, which the operator creates and the sidecar's token may only read and
 * write by name: the sidecar renews it ({@code spec.renewTime}) while SSH is active and annotates it
 * with the session path, each with a JSON merge patch (docs/idle-stop.md, docs/security.md).
 */
public final class ActivityLease {
    /** MicroTime as the API server parses it: RFC 3339 with exactly six fractional digits, UTC. */
    static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    public ActivityLease(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /** The Lease's name, which the operator sets in {@link SidecarContract#ENV_ACTIVITY_LEASE}; empty when unset. */
    public static Optional<String> nameIn(Map<String, String> env) {
        return Optional.ofNullable(env.get(SidecarContract.ENV_ACTIVITY_LEASE)).filter(n -> !n.isBlank());
    }

    /** As {@link #nameIn}, for a caller that cannot work without it. */
    public static String nameFrom(Map<String, String> env) {
        return nameIn(env).orElseThrow(() -> new IllegalStateException("reporting activity needs "
                + SidecarContract.ENV_ACTIVITY_LEASE + " (the operator sets it on the workspace pod)"));
    }

    public static String microTime(Instant when) {
        return MICRO_TIME.format(when.truncatedTo(ChronoUnit.MICROS));
    }

    public static String renewPatch(Instant when) {
        return SERIALIZATION.asJson(Map.of("spec", Map.of("renewTime", microTime(when))));
    }

    /** The session path and its reason, for the operator to copy into the workspace's status. */
    public static String sessionPathPatch(String path, String reason) {
        return SERIALIZATION.asJson(Map.of("metadata", Map.of("annotations", Map.of(
                SidecarContract.ANNOTATION_SESSION_PATH, path, SidecarContract.ANNOTATION_SESSION_PATH_REASON, reason))));
    }

    public void renew(Instant when) {
        patch(renewPatch(when));
    }

    public void annotateSessionPath(String path, String reason) {
        patch(sessionPathPatch(path, reason));
    }

    private void patch(String json) {
        client.resources(Lease.class).inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    @Override
    public String toString() {
        return "lease " + namespace + "/" + name;
    }
}
