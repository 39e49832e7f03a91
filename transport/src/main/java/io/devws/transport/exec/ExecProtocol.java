package io.devws.transport.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code pods/exec} stream protocols, in the order kubectl (client-go, KEP-4006) tries them:
 * WebSocket {@code v5.channel.k8s.io}, then SPDY/3.1 with {@code v4.channel.k8s.io} streams, then
 * WebSocket {@code v4.channel.k8s.io}, the only one without a stdin half-close.
 */
public enum ExecProtocol {
    WEBSOCKET_V5("v5", "websocket/v5.channel.k8s.io", "v5.channel.k8s.io", true),
    SPDY("spdy", "spdy/3.1+v4.channel.k8s.io", "v4.channel.k8s.io", true),
    WEBSOCKET_V4("v4", "websocket/v4.channel.k8s.io", "v4.channel.k8s.io", false);

    /** Every protocol, best first: the default negotiation order. */
    public static final List<ExecProtocol> NEGOTIATION = List.of(values());

    private final String key;
    private final String description;
    private final String version;
    private final boolean halfClose;

    ExecProtocol(String key, String description, String version, boolean halfClose) {
        this.key = key;
        this.description = description;
        this.version = version;
        this.halfClose = halfClose;
    }

    /** The short name used in settings ({@code v5}, {@code spdy}, {@code v4}). */
    public String key() {
        return key;
    }

    /** What {@code --verbose} and {@code doctor} print. */
    public String description() {
        return description;
    }

    /** The stream protocol version header / WebSocket subprotocol. */
    public String version() {
        return version;
    }

    /** Whether closing stdin gives the remote process EOF. */
    public boolean halfClose() {
        return halfClose;
    }

    /**
     * Parses a comma-separated list such as {@code spdy,v4} (the order is kept).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static List<ExecProtocol> parseList(String text) {
        List<ExecProtocol> list = new ArrayList<>();
        for (String part : text.split(",")) {
            String k = part.trim().toLowerCase(Locale.ROOT);
            if (k.isEmpty()) {
                continue;
            }
            ExecProtocol found = null;
            for (ExecProtocol p : values()) {
                if (p.key.equals(k)) {
                    found = p;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown exec protocol '" + part.trim() + "' (use v5, spdy, v4)");
            }
            if (!list.contains(found)) {
                list.add(found);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no exec protocol given (use v5, spdy, v4)");
        }
        return List.copyOf(list);
    }

    /** The resize message every protocol sends on its resize channel or stream: {@code {"Width":W,"Height":H}}. */
    static byte[] terminalSize(int columns, int rows) {
        return ("{\"Width\":" + columns + ",\"Height\":" + rows + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
