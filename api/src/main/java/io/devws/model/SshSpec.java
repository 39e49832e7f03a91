package io.devws.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Settings of the SSH sidecar, passed to it as DEVWS_* environment variables. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SshSpec {
    public static final String DEFAULT_KEEPALIVE = "30s";

    @JsonPropertyDescription("Allow forwarding the client's ssh-agent into the workspace.")
    @Default("true")
    private Boolean agentForwarding = true;

    @JsonPropertyDescription("Allow TCP and Unix socket forwarding (ssh -L, -R, -D).")
    @Default("true")
    private Boolean tcpForwarding = true;

    @JsonPropertyDescription("Interval of server keepalive messages, e.g. 30s; 0s disables them.")
    @Default(DEFAULT_KEEPALIVE)
    @Pattern(Durations.PATTERN)
    private String keepaliveInterval = DEFAULT_KEEPALIVE;

    public Boolean getAgentForwarding() {
        return agentForwarding;
    }

    public void setAgentForwarding(Boolean agentForwarding) {
        this.agentForwarding = agentForwarding;
    }

    public Boolean getTcpForwarding() {
        return tcpForwarding;
    }

    public void setTcpForwarding(Boolean tcpForwarding) {
        this.tcpForwarding = tcpForwarding;
    }

    public String getKeepaliveInterval() {
        return keepaliveInterval;
    }

    public void setKeepaliveInterval(String keepaliveInterval) {
        this.keepaliveInterval = keepaliveInterval;
    }
}
