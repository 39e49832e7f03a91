package io.devws.sidecar.lease;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.devws.model.SidecarContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's activity Lease, which the operator creates and the sidecar's token may only read and
 * write by name: the sidecar renews it ({@code spec.renewTime}) while SSH is active and annotates it
 * with the session path, each with a JSON merge patch (docs/idle-stop.md, docs/security.md) through {@link LeaseApi}.
 */
public final class ActivityLease {
    /** MicroTime as the API server parses it: RFC 3339 with exactly six fractional digits, UTC. */
    static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
    private final LeaseApi api;
    private final String namespace;
    private final String name;

    public ActivityLease(LeaseApi api, String namespace, String name) {
        this.api = api;
        this.namespace = namespace;
        this.name = name;
    }

    /** The Lease's name, which the operator sets in {@link SidecarContract#ENV_ACTIVITY_LEASE}; empty when unset. */
    public static Optional<String> nameIn(Map<String, String> env) {
        return Optional.ofNullable(env.get(SidecarContract.ENV_ACTIVITY_LEASE)).filter(n -> !n.isBlank());
    }

    /**
     * The workspace pod's Lease in {@code namespace}, written with the pod's in-cluster credentials ({@link LeaseApi});
     * empty when the operator set no Lease name. Throws IllegalStateException outside a pod.
     */
    public static Optional<ActivityLease> inPod(Map<String, String> env, String namespace) {
        return nameIn(env).map(name -> new ActivityLease(LeaseApi.inCluster(env), namespace, name));
    }

    /** For a caller that cannot work without the Lease. */
    public static IllegalStateException missingName() {
        return new IllegalStateException("reporting activity needs " + SidecarContract.ENV_ACTIVITY_LEASE
                + " (the operator sets it on the workspace pod)");
    }

    public static String microTime(Instant when) {
        return MICRO_TIME.format(when.truncatedTo(ChronoUnit.MICROS));
    }

    public static String renewPatch(Instant when) {
        return "{\"spec\":{\"renewTime\":" + quote(microTime(when)) + "}}";
    }

    /** The session path and its reason, for the operator to copy into the workspace's status. */
    public static String sessionPathPatch(String path, String reason) {
        return "{\"metadata\":{\"annotations\":{" + quote(SidecarContract.ANNOTATION_SESSION_PATH) + ":" + quote(path)
                + "," + quote(SidecarContract.ANNOTATION_SESSION_PATH_REASON) + ":" + quote(reason) + "}}}";
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    public void renew(Instant when) {
        patch(renewPatch(when));
    }

    public void annotateSessionPath(String path, String reason) {
        patch(sessionPathPatch(path, reason));
    }

    private void patch(String json) {
        try {
            api.mergePatch(namespace, name, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "lease " + namespace + "/" + name;
    }
}
