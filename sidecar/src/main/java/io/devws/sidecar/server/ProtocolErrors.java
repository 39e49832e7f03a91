package io.devws.sidecar.server;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractSession;

/**
 * How a connection ended, for {@code ssh-server --stdio}'s exit code: a protocol error (garbage, a bad
 * packet, a failed key exchange) or an end before authentication is a failed connection, as for OpenSSH's
 * {@code sshd -i}; an authenticated connection that ends is a normal end.
 */
final class ProtocolErrors {
    static final SessionListener LISTENER = new SessionListener() {
        @Override
        public void sessionException(Session session, Throwable t) {
            session.getIoSession().setAttribute(FAILED, Boolean.TRUE);
        }
    };
    private static final Object FAILED = new AttributeKey<Boolean>();

    private ProtocolErrors() {
    }

    /** Once the connection ended: whether it ended badly. */
    static boolean failed(IoSession io) {
        if (io.getAttribute(FAILED) != null) {
            return true;
        }
        AbstractSession session = AbstractSession.getSession(io, true);
        return session == null || !session.isAuthenticated();
    }
}
