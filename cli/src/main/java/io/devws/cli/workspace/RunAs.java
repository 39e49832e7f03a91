package io.devws.cli.workspace;

import io.devws.model.ContainerSpec;

/**
 * {@code --user UID[:GID]}, as {@code docker run --user} but numeric only: the dev container's
 * {@code runAsUser}/{@code runAsGroup}. Unset, the workspace runs as the image's user, which must not be root
 * (the operator's non-root default); {@code 0} runs it as root.
 */
public record RunAs(long uid, Long gid) {
    public static RunAs parse(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9]{1,10}") || (parts.length == 2 && !parts[1].matches("[0-9]{1,10}"))) {
            throw new IllegalArgumentException("invalid --user '" + value + "': give a numeric UID or UID:GID, e.g. 1000 or 0 for root");
        }
        return new RunAs(Long.parseLong(parts[0]), parts.length == 2 ? Long.parseLong(parts[1]) : null);
    }

    void applyTo(ContainerSpec container) {
        container.setRunAsUser(uid);
        container.setRunAsGroup(gid);
    }
}
