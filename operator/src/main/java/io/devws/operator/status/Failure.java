package io.devws.operator.status;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A reconcile error, classified: permanent ones (the API server rejects what we send, or the operator
 * lacks a permission) are reported once and not retried until something changes; transient ones
 * (timeouts, conflicts, server errors) go through the Operator SDK's bounded, growing retry.
 *
 * @param permanent waiting will not help
 * @param reason one CamelCase word for the Ready condition
 * @param message one line that says what to do
 */
public record Failure(boolean permanent, String reason, String message) {

    /** After the last retry a transient failure is reported as a failure, until something changes. */
    public Failure givenUp() {
        return permanent ? this : new Failure(true, reason, message.replace(", retrying", "") + " (gave up after retries; "
                + "the next change to the workspace or its objects retries)");
    }

    public static Failure classify(Throwable error) {
        KubernetesClientException api = find(error);
        if (api == null) {
            return new Failure(false, "Retrying", "reconcile failed, retrying: " + rootMessage(error));
        }
        String detail = api.getStatus() != null && api.getStatus().getMessage() != null ? api.getStatus().getMessage() : api.getMessage();
        String statusReason = api.getStatus() != null ? api.getStatus().getReason() : null;
        return switch (api.getCode()) {
            case 400, 422 -> new Failure(true, "Invalid", "the API server rejected an object derived from this spec: " + detail
                    + " (fix the DevWorkspace spec)");
            case 403 -> new Failure(true, "Forbidden", "the operator is not allowed to do this: " + detail
                    + " (grant it in the operator's ClusterRole)");
            case 409 -> "AlreadyExists".equals(statusReason) || detail.contains("already exists")
                    ? new Failure(true, "NameTaken", detail + ", and it does not belong to this workspace: delete or rename it")
                    : new Failure(false, "Retrying", "conflict, retrying: " + detail);
            default -> new Failure(false, "Retrying", "API error " + api.getCode() + ", retrying: " + detail);
        };
    }

    private static KubernetesClientException find(Throwable error) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        todo.add(error);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return k;
            }
            if (t instanceof AggregatedOperatorException agg) {
                todo.addAll(agg.getAggregatedExceptions().values());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
