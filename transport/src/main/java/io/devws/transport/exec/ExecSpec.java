package io.devws.transport.exec;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What to exec where: the {@code pods/exec} request of {@link PodExec} (pure: no I/O).
 *
 * @param stdin  send stdin (channel 0)
 * @param stderr stderr on its own channel (2); never with {@code tty}, where the kubelet merges it into stdout
 * @param tty    allocate a terminal (then channel 4 carries resizes)
 */
public record ExecSpec(String namespace, String pod, String container, List<String> command,
        boolean stdin, boolean stderr, boolean tty) {
    public ExecSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an exec needs a command");
        }
        if (tty && stderr) {
            throw new IllegalArgumentException("with a tty, stderr arrives on stdout");
        }
    }

    /** The exec URL under the API server's {@code masterUrl}, as kubectl builds it. */
    public URI uri(URL masterUrl) {
        StringBuilder url = new StringBuilder(masterUrl.toString());
        if (url.charAt(url.length() - 1) != '/') {
            url.append('/');
        }
        url.append("api/v1/namespaces/").append(encode(namespace)).append("/pods/").append(encode(pod)).append("/exec?");
        for (String arg : command) {
            url.append("command=").append(encode(arg)).append('&');
        }
        url.append("container=").append(encode(container))
                .append("&stdin=").append(stdin)
                .append("&stdout=true")
                .append("&stderr=").append(stderr)
                .append("&tty=").append(tty);
        return URI.create(url.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
