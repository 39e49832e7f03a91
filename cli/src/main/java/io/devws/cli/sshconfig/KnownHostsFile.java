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

    /**
     * {@code existing} with every host of {@code pinned} answered by its key only: the hosts are taken out
     * of the other entries (which keep their other hosts and keys) and pinned in one entry. Unchanged
     * content (the same string) when they are pinned to that key already.
     */
    public static String pin(String existing, KnownHostsEntry pinned) {
        java.util.Set<String> hosts = new java.util.HashSet<>(pinned.hosts());
        List<KnownHostsEntry> entries = existing.lines().map(KnownHostsEntry::parse).filter(Objects::nonNull).toList();
        java.util.Set<String> alreadyPinned = new java.util.HashSet<>();
        boolean conflicting = false;
        for (KnownHostsEntry e : entries) {
            for (String h : e.hosts()) {
                if (hosts.contains(h)) {
                    if (e.publicKey().equals(pinned.publicKey())) {
                        alreadyPinned.add(h);
                    } else {
                        conflicting = true;
                    }
                }
            }
        }
        if (!conflicting && alreadyPinned.equals(hosts)) {
            return existing;
        }
        List<KnownHostsEntry> kept = new ArrayList<>();
        for (KnownHostsEntry e : entries) {
            List<String> rest = e.hosts().stream().filter(h -> !hosts.contains(h)).toList();
            if (!rest.isEmpty()) {
                kept.add(new KnownHostsEntry(rest, e.publicKey()));
            }
        }
        kept.add(pinned);
        return render("", kept, h -> false);
    }
}
