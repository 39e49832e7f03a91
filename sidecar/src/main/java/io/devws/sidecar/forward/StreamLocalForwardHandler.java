package io.devws.sidecar.forward;

import io.devws.sidecar.unix.SocketBridgeChannel;
import io.devws.sidecar.unix.UnixSockets;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.RequestHandler.Result;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.ConnectionServiceRequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code streamlocal-forward@openssh.com} and its cancel ({@code ssh -R /path.sock:...}): listens on
 * a Unix socket where the sessions run (the policy's socket space) and opens a {@code forwarded-streamlocal@openssh.com} channel per connection.
 * Listeners end with their SSH connection.
 */
final class StreamLocalForwardHandler implements ConnectionServiceRequestHandler {
    static final String FORWARD = "streamlocal-forward@openssh.com";
    static final String CANCEL = "cancel-streamlocal-forward@openssh.com";
    private static final String CHANNEL = "forwarded-streamlocal@openssh.com";
    private static final AttributeKey<Map<String, Closeable>> LISTENERS = new AttributeKey<>();
    private static final Logger LOG = LoggerFactory.getLogger(StreamLocalForwardHandler.class);

    private final ForwardingPolicy policy;

    StreamLocalForwardHandler(ForwardingPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Result process(ConnectionService service, String request, boolean wantReply, Buffer buffer) {
        if (FORWARD.equals(request)) {
            return forward(service, buffer.getString());
        }
        if (CANCEL.equals(request)) {
            Closeable l = listeners(service.getSession()).remove(buffer.getString());
            UnixSockets.closeQuietly(l);
            if (l != null) {
                ListenerBudget.release(service.getSession());
            }
            return l == null ? Result.ReplyFailure : Result.ReplySuccess;
        }
        return Result.Unsupported;
    }

    private Result forward(ConnectionService service, String path) {
        if (!policy.canForwardStreamLocal()) {
            return Result.ReplyFailure;
        }
        Session session = service.getSession();
        if (listeners(session).containsKey(path) || !ListenerBudget.take(session, policy.maxListeners())) {
            LOG.info("refused -R {}: already forwarded, or the connection holds {} listeners", path, policy.maxListeners());
            return Result.ReplyFailure;
        }
        try {
            Closeable l = policy.sockets().listen(Path.of(path), socket -> {
                SocketBridgeChannel channel = new SocketBridgeChannel(CHANNEL, socket, b -> {
                    b.putString(path);
                    b.putString("");
                });
                try {
                    service.registerChannel(channel);
                    channel.open();
                } catch (IOException | RuntimeException e) {
                    // RuntimeException: MINA refuses a channel past the connection's limit that way
                    LOG.warn("forwarding {} failed: {}", path, e.toString());
                    channel.close(true);
                }
            });
            listeners(service.getSession()).put(path, l);
            return Result.ReplySuccess;
        } catch (IOException e) {
            LOG.warn("cannot listen on {}: {}", path, e.toString());
            ListenerBudget.release(session);
            return Result.ReplyFailure;
        }
    }

    private static Map<String, Closeable> listeners(Session session) {
        return session.computeAttributeIfAbsent(LISTENERS, k -> {
            Map<String, Closeable> fresh = new ConcurrentHashMap<>();
            session.addCloseFutureListener(f -> fresh.values().forEach(UnixSockets::closeQuietly));
            return fresh;
        });
    }
}
