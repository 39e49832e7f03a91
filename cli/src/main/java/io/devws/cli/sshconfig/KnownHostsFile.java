package io.devws.cli.sshconfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Renders {@code ~/.ssh/devws/known_hosts}. A run refreshes the entries of one backend (cluster or
 * local) and keeps the other backend's entries as they were, so {@code config-ssh --local} does
 * not forget cluster keys and vice versa.
 */
public final class KnownHostsFile {
    static final String HEADER = "# Managed by `devws config-ssh`: host keys pinned from the workspaces' status.";

    private KnownHostsFile() {
    }

    /**
     * @param existing  the current file content ("" when missing)
     * @param refreshed this run's entries
     * @param owned     which existing entries this run replaces (by first host name)
     */
    public static String render(String existing, List<KnownHostsEntry> refreshed, Predicate<String> owned) {
        List<KnownHostsEntry> all = new ArrayList<>();
        existing.lines().map(KnownHostsEntry::parse).filter(Objects::nonNull)
                .filter(e -> !owned.test(e.hosts().get(0))).forEach(all::add);
        all.addAll(refreshed);
        all.sort(Comparator.comparing(e -> e.hosts().get(0)));
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        all.forEach(e -> out.append(e.line()).append('\n'));
        return out.toString();
    }
}
