package io.devws.cli.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IDE links, exactly: VS Code's {@code code --remote ssh-remote+HOST PATH} and
 * {@code vscode://vscode-remote/ssh-remote+HOST/PATH}, and the Gateway link's SSH parameters.
 */
class IdeLinksTest {
    @Test
    void codeGetsTheRemoteAuthorityAndTheFolder() {
        assertThat(IdeLinks.codeArguments("ws.team.devws", "/workspace"))
                .containsExactly("--remote", "ssh-remote+ws.team.devws", "/workspace");
    }

    @Test
    void theVscodeUriIsTheRemoteAuthorityThenTheAbsolutePath() {
        assertThat(IdeLinks.vscodeUri("ws.team.devws", "/workspace")).isEqualTo("vscode://vscode-remote/ssh-remote+ws.team.devws/workspace");
        String spaced = IdeLinks.vscodeUri("ws.team.devws", "/workspace/my project/ü");
        assertThat(spaced).isEqualTo("vscode://vscode-remote/ssh-remote+ws.team.devws/workspace/my%20project/%C3%BC");
        URI uri = URI.create(spaced);
        assertThat(uri.getScheme()).isEqualTo("vscode");
        assertThat(uri.getAuthority()).isEqualTo("vscode-remote");
        assertThat(uri.getPath()).isEqualTo("/ssh-remote+ws.team.devws/workspace/my project/ü");
    }

    @Test
    void theGatewayLinkNamesTheSshConnectionAndTheProject() {
        String link = IdeLinks.gatewayLink("ws.team.devws", "22", "dev", "/workspace/my project", null);
        assertThat(link).isEqualTo("jetbrains-gateway://connect#type=ssh&deploy=true&host=ws.team.devws&port=22&user=dev"
                + "&projectPath=%2Fworkspace%2Fmy%20project");
        assertThat(fragment(link)).containsExactly(Map.entry("type", "ssh"), Map.entry("deploy", "true"), Map.entry("host", "ws.team.devws"),
                Map.entry("port", "22"), Map.entry("user", "dev"), Map.entry("projectPath", "/workspace/my project"));

        String installed = IdeLinks.gatewayLink("ws.team.devws", null, "dev", "/workspace", "/opt/idea");
        assertThat(fragment(installed)).containsEntry("deploy", "false").containsEntry("idePath", "/opt/idea").containsEntry("port", "22");
    }

    @Test
    void aFolderIsAbsoluteOrUnderTheWorkingDirectory() {
        IdeTarget target = new IdeTarget("ws", "ws.team.devws", "/workspace", false);
        assertThat(List.of(target.folder(null), target.folder("."), target.folder("src/app"), target.folder("./src"), target.folder("/etc")))
                .containsExactly("/workspace", "/workspace", "/workspace/src/app", "/workspace/src", "/etc");
        assertThat(target.doctorCommand()).isEqualTo("devws doctor ws");
        assertThat(new IdeTarget("demo", "demo.local.devws", "/w", true).doctorCommand()).isEqualTo("devws doctor --local demo");
    }

    private static Map<String, String> fragment(String link) {
        assertThat(link).startsWith("jetbrains-gateway://connect#");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : link.substring(link.indexOf('#') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
