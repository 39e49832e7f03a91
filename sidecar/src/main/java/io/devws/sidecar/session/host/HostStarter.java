package io.devws.sidecar.session.host;

import java.util.Optional;

/** Starts the session host in the dev container (one exec); returns why it could not, or empty once it listens. */
@FunctionalInterface
public interface HostStarter {
    Optional<String> start();
}
