package io.devws.cli.agent;

import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.tunnel.KubeTunnels;
import io.devws.cli.workspace.KubeConnection;
import io.devws.cli.workspace.WorkspaceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's warm cluster connections, keyed by what decides them: the kubeconfig file and a hash
 * of its content, the context and the namespace. An edited kubeconfig is a new key, so the next
 * connection gets a new client; the superseded client closes once its last tunnel ended.
 */
final class WarmClients {
    private static final int MAX = 16;

    record Key(String kubeconfig, String contentHash, String context, String namespace) {
        boolean sameSource(Key other) {
            return kubeconfig.equals(other.kubeconfig) && Objects.equals(context, other.context)
                    && Objects.equals(namespace, other.namespace);
        }
    }

    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private int opened;

    /** A connection for {@code options} (its kubeconfig an absolute path) scoped to {@code ref}'s namespace. */
    Lease acquire(KubeOptions options, WorkspaceRef ref) {
        Key key = new Key(options.kubeconfig, hash(Path.of(options.kubeconfig)), options.context,
                ref.namespace() != null ? ref.namespace() : options.namespace);
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry(key);
                retireSuperseded(key);
                entries.put(key, entry);
            }
            entry.refs++;
        }
        try {
            entry.connect(options, ref);
        } catch (RuntimeException e) {
            synchronized (this) {
                entries.remove(key, entry); // a failed connect is not cached: the next try reads the kubeconfig again
            }
            release(entry);
            throw e;
        }
        return new Lease(this, entry);
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized int opened() {
        return opened;
    }

    private void retireSuperseded(Key key) {
        entries.values().removeIf(e -> {
            boolean gone = e.key.sameSource(key) || entries.size() >= MAX && e.refs == 0;
            if (gone) {
                e.retired = true;
                e.closeIfUnused();
            }
            return gone;
        });
    }

    private synchronized void release(Entry entry) {
        entry.refs--;
        entry.closeIfUnused();
    }

    synchronized void closeAll() {
        entries.values().forEach(e -> {
            e.retired = true;
            e.refs = 0;
            e.closeIfUnused();
        });
        entries.clear();
    }

    private static String hash(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable"; // KubeConnection reports it as today's ProxyCommand does
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Entry {
        final Key key;
        int refs;
        boolean retired;
        private KubeConnection connection;

        Entry(Key key) {
            this.key = key;
        }

        /** Opens once; concurrent first users wait for the same client. */
        synchronized void connect(KubeOptions options, WorkspaceRef ref) {
            if (connection == null) {
                connection = KubeTunnels.connect(options, ref);
                synchronized (WarmClients.this) {
                    opened++;
                }
            }
        }

        void closeIfUnused() {
            if (retired && refs == 0 && connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /** One tunnel's use of a warm connection. */
    static final class Lease implements AutoCloseable {
        private final WarmClients owner;
        private final Entry entry;

        private Lease(WarmClients owner, Entry entry) {
            this.owner = owner;
            this.entry = entry;
        }

        KubeConnection connection() {
            return entry.connection;
        }

        @Override
        public void close() {
            owner.release(entry);
        }
    }
}
