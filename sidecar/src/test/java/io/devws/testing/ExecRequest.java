package io.devws.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code pods/exec} request as the API server receives it (path and query parameters). */
public record ExecRequest(String namespace, String pod, String container, List<String> command,
        boolean stdin, boolean stdout, boolean stderr, boolean tty) {
    private static final Pattern PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/exec");

    public ExecRequest {
        command = List.copyOf(command);
    }

    /** The request, or empty when the path is not a pods/exec path. */
    public static Optional<ExecRequest> parse(String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        Matcher m = PATH.matcher(uri.getRawPath());
        if (!m.matches()) {
            return Optional.empty();
        }
        String container = null;
        List<String> command = new ArrayList<>();
        boolean stdin = false;
        boolean stdout = false;
        boolean stderr = false;
        boolean tty = false;
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "container" -> container = value;
                case "command" -> command.add(value);
                case "stdin" -> stdin = Boolean.parseBoolean(value);
                case "stdout" -> stdout = Boolean.parseBoolean(value);
                case "stderr" -> stderr = Boolean.parseBoolean(value);
                case "tty" -> tty = Boolean.parseBoolean(value);
                default -> { }
            }
        }
        return Optional.of(new ExecRequest(decode(m.group(1)), decode(m.group(2)), container, command,
                stdin, stdout, stderr, tty));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
