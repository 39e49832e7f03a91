package io.devws.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Observed state of a DevWorkspace, written by the operator only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DevWorkspaceStatus {
    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Pending, Starting, Running, Stopping, Stopped or Failed.")
    private Phase phase;

    @JsonPropertyDescription("StorageReady, HostKeyReady, PodReady, SshReady, Ready, in this order.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Name of the workspace pod while it exists.")
    private String podName;

    @JsonPropertyDescription("SSH endpoint: sidecar container and host key.")
    private SshStatus ssh;

    @JsonPropertyDescription("Last SSH activity reported by the sidecar (RFC 3339).")
    private String lastActivityTime;

    @JsonPropertyDescription("Human-readable summary: what the workspace waits for, or why it failed or stopped.")
    private String message;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** The condition of that type, if present. */
    public Optional<Condition> condition(ConditionType type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.name().equals(c.getType())).findFirst();
    }

    /** True when the Ready condition is True. */
    @JsonIgnore
    public boolean isReady() {
        return condition(ConditionType.Ready).map(Condition::isTrue).orElse(false);
    }

    public String getPodName() {
        return podName;
    }

    public void setPodName(String podName) {
        this.podName = podName;
    }

    public SshStatus getSsh() {
        return ssh;
    }

    public void setSsh(SshStatus ssh) {
        this.ssh = ssh;
    }

    public String getLastActivityTime() {
        return lastActivityTime;
    }

    public void setLastActivityTime(String lastActivityTime) {
        this.lastActivityTime = lastActivityTime;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DevWorkspaceStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && phase == s.phase && Objects.equals(conditions, s.conditions) && Objects.equals(podName, s.podName)
                && Objects.equals(ssh, s.ssh) && Objects.equals(lastActivityTime, s.lastActivityTime)
                && Objects.equals(message, s.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, phase, conditions, podName, ssh, lastActivityTime, message);
    }
}
