package io.devws.sidecar.session.host;

/** Whether a session host answers right now (cheap: called before each session). */
@FunctionalInterface
public interface HostProbe {
    boolean alive();
}
