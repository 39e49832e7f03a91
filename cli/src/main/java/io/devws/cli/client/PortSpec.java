package io.devws.cli.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A forward as DevPod's port-spec grammar writes it, for {@code -L} and {@code -R}:
 * <ul>
 *   <li>{@code PORT}: localhost:PORT on both ends;</li>
 *   <li>{@code LISTEN:TARGET_PORT}: listen on localhost:LISTEN, connect to localhost:TARGET_PORT;</li>
 *   <li>{@code LISTEN:HOST:TARGET_PORT} and {@code BIND:LISTEN:HOST:TARGET_PORT} (as ssh's -L);</li>
 *   <li>a Unix socket path (starting with {@code /} or {@code ./}) in place of a listen or target address:
 *       {@code /tmp/a.sock}, {@code 8080:/run/app.sock}, {@code /tmp/a.sock:5432}, {@code /tmp/a.sock:/run/b.sock}.</li>
 * </ul>
 * For {@code -L} "listen" is on this machine and "target" in the workspace; for {@code -R} the reverse.
 */
public record PortSpec(Endpoint listen, Endpoint target) {
    /** A TCP host and port, or a Unix socket path (then {@code host} is null and {@code port} is 0). */
    public record Endpoint(String host, int port, String path) {
        public static Endpoint tcp(String host, int port) {
            return new Endpoint(host, port, null);
        }

        public static Endpoint unix(String path) {
            return new Endpoint(null, 0, path);
        }

        public boolean isUnix() {
            return path != null;
        }

        @Override
        public String toString() {
            return isUnix() ? path : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public static final String LOCALHOST = "localhost";

    public static PortSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw invalid(spec, "it is empty");
        }
        List<String> parts = split(spec);
        return switch (parts.size()) {
            case 1 -> new PortSpec(endpoint(spec, LOCALHOST, parts.get(0)), endpoint(spec, LOCALHOST, parts.get(0)));
            case 2 -> new PortSpec(endpoint(spec, LOCALHOST, parts.get(0)), endpoint(spec, LOCALHOST, parts.get(1)));
            case 3 -> new PortSpec(endpoint(spec, LOCALHOST, parts.get(0)), tcp(spec, parts.get(1), parts.get(2)));
            case 4 -> new PortSpec(tcp(spec, parts.get(0), parts.get(1)), tcp(spec, parts.get(2), parts.get(3)));
            default -> throw invalid(spec, "too many ':'");
        };
    }

    /** Splits on ':' outside [IPv6] brackets; a Unix path is one part even if it is the only part. */
    private static List<String> split(String spec) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean bracket = false;
        for (char c : spec.toCharArray()) {
            if (c == '[') {
                bracket = true;
            } else if (c == ']') {
                bracket = false;
            } else if (c == ':' && !bracket) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static Endpoint endpoint(String spec, String host, String part) {
        if (isPath(part)) {
            return Endpoint.unix(part);
        }
        return Endpoint.tcp(host, port(spec, part));
    }

    private static Endpoint tcp(String spec, String host, String port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty() || h.contains("/")) {
            throw invalid(spec, "'" + host + "' is not a host name");
        }
        return Endpoint.tcp(h, port(spec, port));
    }

    private static boolean isPath(String part) {
        return part.startsWith("/") || part.startsWith("./") || part.startsWith("~/");
    }

    private static int port(String spec, String part) {
        try {
            int port = Integer.parseInt(part);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw invalid(spec, "'" + part + "' is not a port (1-65535) or a Unix socket path");
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("invalid port spec '" + spec + "': " + why
                + "; use PORT, LOCAL:REMOTE, LOCAL:HOST:REMOTE, BIND:LOCAL:HOST:REMOTE or a /unix/socket path");
    }

    @Override
    public String toString() {
        return listen + " -> " + target;
    }
}
