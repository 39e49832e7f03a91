package io.devws.cli.client;

import io.devws.transport.keys.HostKeys;
import java.net.SocketAddress;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/** Accepts exactly the host key pinned from the workspace's status (or local host key file); nothing else. */
public final class PinnedHostKeyVerifier implements ServerKeyVerifier {
    private final PublicKey pinned;
    private volatile String mismatch;

    public PinnedHostKeyVerifier(PublicKey pinned) {
        this.pinned = pinned;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey offered) {
        if (KeyUtils.compareKeys(pinned, offered)) {
            return true;
        }
        mismatch = "host key mismatch: the workspace offered " + HostKeys.fingerprint(offered) + " but "
                + HostKeys.fingerprint(pinned) + " is pinned; someone may be intercepting, or the workspace's host key Secret was replaced"
                + " (then run devws config-ssh)";
        return false;
    }

    /** Why the last verification failed, or null. */
    public String mismatch() {
        return mismatch;
    }
}
