package io.devws.transport.stream;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Both directions of one SSH connection as streams, with the addresses MINA reports for it
 * (SSH_CONNECTION, logs). Streams from exec or a Unix socket have no IP peer, so callers pass
 * loopback addresses unless they know better.
 */
public record StreamPair(InputStream in, OutputStream out, SocketAddress local, SocketAddress remote) {
    public static final SocketAddress LOOPBACK_LOCAL = new InetSocketAddress("127.0.0.1", 22);
    public static final SocketAddress LOOPBACK_REMOTE = new InetSocketAddress("127.0.0.1", 0);

    public static StreamPair of(InputStream in, OutputStream out) {
        return new StreamPair(in, out, LOOPBACK_LOCAL, LOOPBACK_REMOTE);
    }
}
