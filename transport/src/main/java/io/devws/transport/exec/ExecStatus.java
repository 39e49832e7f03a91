package io.devws.transport.exec;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Reads the Kubernetes Status an exec ends with (status channel 3 / SPDY error stream), as kubectl does. */
public final class ExecStatus {
    private ExecStatus() {
    }

    /** The exit of a Status message; an empty message is success (SPDY's error stream may stay empty). */
    static ExecExit parse(KubernetesSerialization serialization, String json) {
        if (json.isBlank()) {
            return new ExecExit(0, null);
        }
        Status status;
        try {
            status = serialization.unmarshal(json, Status.class);
        } catch (RuntimeException e) {
            status = null;
        }
        return new ExecExit(exitCode(status), status);
    }

    /** The process's exit code from the Status (kubectl's reading of it); -1 when it has none. */
    public static int exitCode(Status status) {
        if (status == null) {
            return -1;
        }
        if ("Success".equals(status.getStatus())) {
            return 0;
        }
        if ("NonZeroExitCode".equals(status.getReason()) && status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                if ("ExitCode".equals(cause.getReason())) {
                    try {
                        return Integer.parseInt(cause.getMessage().trim());
                    } catch (RuntimeException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }
}
