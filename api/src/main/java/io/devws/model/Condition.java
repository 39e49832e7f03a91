package io.devws.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * One status condition. {@code lastTransitionTime} (RFC 3339) moves only when {@code status} flips.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    @JsonPropertyDescription("StorageReady, HostKeyReady, PodReady, SshReady or Ready.")
    @Required
    private String type;

    @JsonPropertyDescription("True, False or Unknown.")
    @Required
    @Pattern("^(True|False|Unknown)$")
    private String status;

    @JsonPropertyDescription("One CamelCase word saying why.")
    private String reason;

    @JsonPropertyDescription("Human-readable details.")
    private String message;

    @JsonPropertyDescription("When status last changed (RFC 3339).")
    private String lastTransitionTime;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message, String lastTransitionTime) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
    }

    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && Objects.equals(type, c.type) && Objects.equals(status, c.status)
                && Objects.equals(reason, c.reason) && Objects.equals(message, c.message)
                && Objects.equals(lastTransitionTime, c.lastTransitionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime);
    }

    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + ": " + message + ")";
    }
}
