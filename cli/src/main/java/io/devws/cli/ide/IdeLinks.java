package io.devws.cli.ide;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The links IDEs open a remote folder from, all naming the ssh host (so the IDE's ssh reads the config
 * {@code config-ssh} wrote: ProxyCommand, pinned host key).
 * <ul>
 * <li>VS Code Remote-SSH: {@code code --remote ssh-remote+HOST PATH}, or the URI VS Code's URL handler opens,
 *     {@code vscode://vscode-remote/ssh-remote+HOST/ABSOLUTE/PATH} (the remote authority, then the path).</li>
 * <li>JetBrains Gateway: {@code jetbrains-gateway://connect#type=ssh&host=..&port=..&user=..&projectPath=..&deploy=..},
 *     the parameters of the "Gateway link" JetBrains' remote-dev-server prints for SSH; {@code deploy=false} with
 *     {@code idePath} uses an IDE backend already in the image, {@code deploy=true} lets Gateway install one.</li>
 * </ul>
 */
public final class IdeLinks {
    private IdeLinks() {
    }

    /** The arguments after {@code code}. */
    public static List<String> codeArguments(String host, String path) {
        return List.of("--remote", "ssh-remote+" + host, path);
    }

    public static String vscodeUri(String host, String path) {
        String encoded = List.of(path.split("/", -1)).stream().map(IdeLinks::encode).collect(Collectors.joining("/"));
        return "vscode://vscode-remote/ssh-remote+" + host + (encoded.startsWith("/") ? "" : "/") + encoded;
    }

    /** @param idePath an IDE backend's directory in the workspace, or null to let Gateway install one */
    public static String gatewayLink(String host, String port, String user, String path, String idePath) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", "ssh");
        params.put("deploy", idePath == null ? "true" : "false");
        params.put("host", host);
        params.put("port", port == null ? "22" : port);
        params.put("user", user);
        params.put("projectPath", path);
        if (idePath != null) {
            params.put("idePath", idePath);
        }
        return "jetbrains-gateway://connect#" + params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** Percent-encoding of one URI component (a space is %20, not the form encoding's +). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
