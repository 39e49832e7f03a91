package io.devws.cli.local;

import static io.devws.cli.local.Launchers.devws;
import static org.assertj.core.api.Assertions.assertThat;

import io.devws.cli.local.Launchers.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code devws code} and {@code devws open --ide jetbrains} on a --local workspace, through the launchers, with the
 * real OpenSSH client checking the SSH side ({@code ssh -G}, then {@code ssh HOST true} through the ProxyCommand).
 * VS Code and Gateway are not installed here: recording {@code code} and {@code xdg-open} scripts on PATH write the
 * argv they were given, which proves the exact command line.
 */
class IdeIT {
    @TempDir
    Path home;
    Path bin;
    Path argv;
    TestAgent agent;

    @BeforeEach
    void up() throws Exception {
        Launchers.requireBuilt();
        agent = TestAgent.start(Files.createDirectories(home.resolve("agent")));
        bin = Files.createDirectories(home.resolve("bin"));
        argv = home.resolve("argv.txt");
        Result up = Launchers.run(home, env(false), devws("up", "--local", "demo"));
        assertThat(up.code()).as(up.err()).isZero();
    }

    @AfterEach
    void down() throws Exception {
        Launchers.run(home, env(false), devws("delete", "--local", "demo"));
        agent.close();
    }

    /** The test's PATH, with the recording scripts in front when {@code withRecorders}. */
    Map<String, String> env(boolean withRecorders) {
        Map<String, String> env = new HashMap<>();
        env.put("SSH_AUTH_SOCK", agent.socket().toString());
        env.put("PATH", (withRecorders ? bin + ":" : "") + System.getenv("PATH"));
        return env;
    }

    void recorder(String name) throws Exception {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + argv + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    Result configSsh() throws Exception {
        Result r = Launchers.run(home, env(false), devws("config-ssh", "--local"));
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    String workdir() {
        return home.resolve(".devws/local/demo/workspace").toString();
    }

    @Test
    void withoutConfigSshItIsOneLineNamingIt() throws Exception {
        recorder("code");
        for (String[] command : List.of(devws("code", "--local", "demo"), devws("open", "--local", "demo", "--ide", "jetbrains"))) {
            Result r = Launchers.run(home, env(true), command);
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("devws: ssh does not know demo.local.devws: run `devws config-ssh --local` (it adds devws's hosts to "
                    + home.resolve(".ssh/config") + ")\n");
            assertThat(r.out()).isEmpty();
        }
        assertThat(argv).as("code never ran").doesNotExist();
    }

    @Test
    void codeRunsVsCodeRemoteSshOnTheHostAndTheWorkingDirectory() throws Exception {
        configSsh();
        recorder("code");
        Result r = Launchers.run(home, env(true), devws("code", "--local", "demo"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(argv)).containsExactly("--remote", "ssh-remote+demo.local.devws", workdir());
        assertThat(r.out()).isEqualTo("opened VS Code: code --remote ssh-remote+demo.local.devws " + workdir() + "\n");

        Result sub = Launchers.run(home, env(true), devws("open", "--local", "demo", "src/app"));
        assertThat(sub.code()).as(sub.err()).isZero();
        assertThat(Files.readAllLines(argv)).containsExactly("--remote", "ssh-remote+demo.local.devws", workdir() + "/src/app");
    }

    @Test
    void withoutCodeOnPathItPrintsTheVscodeUri() throws Exception {
        configSsh();
        Result r = Launchers.run(home, env(false), devws("code", "--local", "demo", "/tmp/my project"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("vscode://vscode-remote/ssh-remote+demo.local.devws/tmp/my%20project\n");
        assertThat(r.err()).isEqualTo("devws: `code` is not on PATH: open the URI above in VS Code (with the Remote - SSH extension),"
                + " or put VS Code's `code` command on PATH\n");
    }

    @Test
    void jetbrainsPrintsTheGatewayLinkAndOpensItWithBrowser() throws Exception {
        configSsh();
        String user = System.getProperty("user.name");
        String link = "jetbrains-gateway://connect#type=ssh&deploy=true&host=demo.local.devws&port=22&user=" + user
                + "&projectPath=" + java.net.URLEncoder.encode(workdir(), java.nio.charset.StandardCharsets.UTF_8);
        Result printed = Launchers.run(home, env(false), devws("open", "--local", "demo", "--ide", "jetbrains"));
        assertThat(printed.code()).as(printed.err()).isZero();
        assertThat(printed.out()).isEqualTo(link + "\n");

        Result noOpener = Launchers.run(home, env(false), devws("open", "--local", "demo", "--ide", "jetbrains", "--browser"));
        assertThat(noOpener.code()).isZero();
        assertThat(noOpener.err()).isEqualTo("devws: no xdg-open (open on macOS) on PATH: open the link above with JetBrains Gateway\n");

        recorder("xdg-open");
        Result opened = Launchers.run(home, env(true), devws("open", "--local", "demo", "--ide", "jetbrains", "--browser"));
        assertThat(opened.code()).as(opened.err()).isZero();
        assertThat(Files.readAllLines(argv)).containsExactly(link);
    }

    @Test
    void anIncludeThatIsNoLongerEffectiveIsFoundBySshG() throws Exception {
        configSsh();
        recorder("code");
        Path config = home.resolve(".ssh/config");
        String written = Files.readString(config);
        // the user's own catch-all ProxyCommand above devws's Include: ssh -G shows that one
        Files.writeString(config, "Host *.devws\n  ProxyCommand nc %h 22\n" + written);
        Result r = Launchers.run(home, env(true), devws("code", "--local", "demo"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("devws: `ssh -G demo.local.devws` shows ProxyCommand nc %h 22, not devws's (is devws's Include at the top of "
                + config + "?): run `devws config-ssh --local`\n");
        assertThat(argv).doesNotExist();
    }

    @Test
    void aHostKeySshRefusesStopsItBeforeTheIde() throws Exception {
        configSsh();
        recorder("code");
        Path knownHosts = home.resolve(".ssh/devws/known_hosts");
        Files.writeString(knownHosts, Files.readString(knownHosts).replaceAll("demo.local.devws ssh-ed25519 \\S+",
                "demo.local.devws ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"));
        Result r = Launchers.run(home, env(true), devws("code", "--local", "demo"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("devws: `ssh demo.local.devws true` fails (exit 255: ").endsWith("): run `devws doctor --local demo`\n")
                .hasLineCount(1);
        assertThat(argv).doesNotExist();
    }
}
