package io.devws.sidecar.forward;

import io.devws.sidecar.unix.SocketBridgeChannel;
import io.devws.sidecar.unix.UnixSocketListener;
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
 * a Unix socket here and opens a {@code forwarded-streamlocal@openssh.com} channel per connection.
 * Listeners end with their SSH connection.
 */
final class StreamLocalForwardHandler implements ConnectionServiceRequestHandler {
    static final String FORWARD = "streamlocal-forward@openssh.com";
    static final String CANCEL = "cancel-streamlocal-forward@openssh.com";
    private static final String CHANNEL = "forwarded-streamlocal@openssh.com";
    private static final AttributeKey<Map<String, UnixSocketListener>> LISTENERS = new AttributeKey<>();
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
            UnixSocketListener l = listeners(service.getSession()).remove(buffer.getString());
            if (l != null) {
                l.close();
            }
            return l == null ? Result.ReplyFailure : Result.ReplySuccess;
        }
        return Result.Unsupported;
    }

    private Result forward(ConnectionService service, String path) {
        if (!policy.canForwardStreamLocal()) {
            return Result.ReplyFailure;
        }
        try {
            UnixSocketListener l = UnixSocketListener.start(Path.of(path), "rw-------", socket -> {
                SocketBridgeChannel channel = new SocketBridgeChannel(CHANNEL, socket, b -> {
                    b.putString(path);
                    b.putString("");
                });
                try {
                    service.registerChannel(channel);
                    channel.open();
                } catch (IOException e) {
                    LOG.warn("forwarding {} failed: {}", path, e.toString());
                    channel.close(true);
                }
            });
            listeners(service.getSession()).put(path, l);
            return Result.ReplySuccess;
        } catch (IOException e) {
            LOG.warn("cannot listen on {}: {}", path, e.toString());
            return Result.ReplyFailure;
        }
    }

    private static Map<String, UnixSocketListener> listeners(Session session) {
        return session.computeAttributeIfAbsent(LISTENERS, k -> {
            Map<String, UnixSocketListener> fresh = new ConcurrentHashMap<>();
            session.addCloseFutureListener(f -> fresh.values().forEach(UnixSocketListener::close));
            return fresh;
        });
    }
}
