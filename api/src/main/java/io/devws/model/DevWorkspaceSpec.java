package io.devws.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.time.Duration;
import java.util.Optional;

/**
 * Desired state of a DevWorkspace. Java initialisers mirror the schema defaults, so an object
 * built in Java (CLI, tests) means the same as one the API server defaulted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DevWorkspaceSpec {
    @JsonPropertyDescription("Whether the workspace pod runs. false deletes the pod and keeps the storage.")
    @Default("true")
    private Boolean started = true;

    @JsonPropertyDescription("The user's (dev) container.")
    @Required
    private ContainerSpec container;

    @JsonPropertyDescription("The workspace volume, mounted into both containers at the same path.")
    @Default("{}")
    private StorageSpec storage = new StorageSpec();

    @JsonPropertyDescription("SSH server settings of the sidecar.")
    @Default("{}")
    private SshSpec ssh = new SshSpec();

    @JsonPropertyDescription("Stop the workspace after this long without SSH activity, e.g. 30m or 2h. Unset: never.")
    @Pattern(Durations.PATTERN)
    private String idleTimeout;

    @JsonPropertyDescription("Pod-level settings: scheduling, pull secrets, extra metadata.")
    private PodSpec pod;

    public Boolean getStarted() {
        return started;
    }

    public void setStarted(Boolean started) {
        this.started = started;
    }

    /** Null-safe view of {@link #getStarted()} with its default. */
    public boolean started() {
        return started == null || started;
    }

    public ContainerSpec getContainer() {
        return container;
    }

    public void setContainer(ContainerSpec container) {
        this.container = container;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public SshSpec getSsh() {
        return ssh;
    }

    public void setSsh(SshSpec ssh) {
        this.ssh = ssh;
    }

    public String getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(String idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** The idle timeout, empty when unset (never stop). */
    public Optional<Duration> idleTimeoutDuration() {
        return idleTimeout == null || idleTimeout.isBlank() ? Optional.empty() : Optional.of(Durations.parse(idleTimeout));
    }

    public PodSpec getPod() {
        return pod;
    }

    public void setPod(PodSpec pod) {
        this.pod = pod;
    }
}
