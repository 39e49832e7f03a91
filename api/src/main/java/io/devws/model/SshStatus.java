package io.devws.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What an SSH client needs to know: where to exec, and the host key to pin. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SshStatus {
    @JsonPropertyDescription("Container to exec the SSH server in (devws-sidecar ssh-server --stdio).")
    private String container;

    @JsonPropertyDescription("Host public key in OpenSSH format: ssh-ed25519 AAAA...")
    private String hostPublicKey;

    @JsonPropertyDescription("Host key fingerprint as OpenSSH prints it: SHA256:...")
    private String hostKeyFingerprint;

    @JsonPropertyDescription("How sessions reach the dev container: host (the session host in the dev container) or exec (one exec per session, the fallback).")
    private String sessionPath;

    @JsonPropertyDescription("Why the sessions take that path, e.g. why the session host cannot run.")
    private String sessionPathReason;

    public SshStatus() {
    }

    public SshStatus(String container, String hostPublicKey, String hostKeyFingerprint) {
        this.container = container;
        this.hostPublicKey = hostPublicKey;
        this.hostKeyFingerprint = hostKeyFingerprint;
    }

    public String getContainer() {
        return container;
    }

    public void setContainer(String container) {
        this.container = container;
    }

    public String getHostPublicKey() {
        return hostPublicKey;
    }

    public void setHostPublicKey(String hostPublicKey) {
        this.hostPublicKey = hostPublicKey;
    }

    public String getHostKeyFingerprint() {
        return hostKeyFingerprint;
    }

    public void setHostKeyFingerprint(String hostKeyFingerprint) {
        this.hostKeyFingerprint = hostKeyFingerprint;
    }

    public String getSessionPath() {
        return sessionPath;
    }

    public void setSessionPath(String sessionPath) {
        this.sessionPath = sessionPath;
    }

    public String getSessionPathReason() {
        return sessionPathReason;
    }

    public void setSessionPathReason(String sessionPathReason) {
        this.sessionPathReason = sessionPathReason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshStatus s && Objects.equals(container, s.container)
                && Objects.equals(hostPublicKey, s.hostPublicKey) && Objects.equals(hostKeyFingerprint, s.hostKeyFingerprint)
                && Objects.equals(sessionPath, s.sessionPath) && Objects.equals(sessionPathReason, s.sessionPathReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(container, hostPublicKey, hostKeyFingerprint, sessionPath, sessionPathReason);
    }
}
