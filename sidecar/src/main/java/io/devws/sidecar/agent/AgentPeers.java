package io.devws.sidecar.agent;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the forwarded agent (docs/security.md): the user sessions run as (the session host's uid) and the
 * sidecar's own. Checked on every connection with SO_PEERCRED, because the sockets' group is the pod's fsGroup,
 * which every process in every container of the pod has. While the sessions' uid is unknown (no session host:
 * the exec fallback, or the local backend, where sessions are the sidecar's own user), the socket's mode decides.
 */
public final class AgentPeers {
    private static final Logger LOG = LoggerFactory.getLogger(AgentPeers.class);
    /** Anyone the socket's mode lets in (tests, and executors that do not know their user). */
    public static final AgentPeers BY_MODE = new AgentPeers(OptionalLong::empty);

    private final Supplier<OptionalLong> sessionUid;
    private final UserPrincipal self;
    /** The sessions' uid and its principal, looked up once per uid rather than per connection. */
    private volatile Allowed allowed;

    private record Allowed(long uid, UserPrincipal principal) {
    }

    /** @param sessionUid the uid sessions run as, when known (asked per connection: the host may start later) */
    public AgentPeers(Supplier<OptionalLong> sessionUid) {
        this.sessionUid = sessionUid;
        this.self = principal(ownUid());
    }

    /** The handler, for the connections this policy admits; the others are closed at once and logged. */
    Consumer<SocketChannel> guard(Consumer<SocketChannel> handler) {
        return socket -> {
            if (admits(socket)) {
                handler.accept(socket);
            } else {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // refused either way
                }
            }
        };
    }

    boolean admits(SocketChannel socket) {
        OptionalLong uid = sessionUid.get();
        if (uid.isEmpty()) {
            return true;
        }
        UserPrincipal peer;
        try {
            peer = socket.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("refused an agent connection whose peer is unknown: {}", e.toString());
            return false;
        }
        if (peer.equals(self) || peer.equals(sessionUser(uid.getAsLong()))) {
            return true;
        }
        LOG.warn("refused an agent connection from uid {}: only the workspace's user ({}) may use the forwarded agent",
                peer.getName(), uid.getAsLong());
        return false;
    }

    private UserPrincipal sessionUser(long uid) {
        Allowed a = allowed;
        if (a == null || a.uid() != uid) {
            a = new Allowed(uid, principal(uid));
            allowed = a;
        }
        return a.principal();
    }

    private static long ownUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot tell the sidecar's own uid: " + e.getMessage(), e);
        }
    }

    /** A numeric uid as the JDK's principals compare (by id, whatever name this container's passwd gives it). */
    private static UserPrincipal principal(long uid) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(Long.toString(uid));
        } catch (IOException e) {
            throw new IllegalStateException("no principal for uid " + uid + ": " + e.getMessage(), e);
        }
    }
}
