package io.devws.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ProxyCommand that config-ssh writes, run through the real launcher: a path that survives a rebuild
 * (the devws on PATH, or the path it was started through), and a warning when only the build tree is left.
 */
class ConfigSshLauncherIT {
    private static final String JAVA_BIN = Path.of(System.getProperty("java.home"), "bin").toString();
    /** java and the system tools, but no devws */
    private static final String BARE_PATH = JAVA_BIN + ":/usr/local/bin:/usr/bin:/bin";
    @TempDir
    Path home;

    @BeforeAll
    static void built() {
        Launchers.requireBuilt();
    }

    @Test
    void theDevwsOnPathIsWhatTheProxyCommandRunsEvenWhenStartedFromTheBuildTree() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("devws"), Launchers.DEVWS);
        String path = bin + ":" + BARE_PATH;
        Launchers.Result viaPath = Launchers.run(home, Map.of("PATH", path), "sh", "-c", "devws config-ssh --local --dry-run");
        assertThat(viaPath.code()).as(viaPath.err()).isZero();
        assertThat(viaPath.out()).contains("+  ProxyCommand \"" + bin.resolve("devws") + "\" ssh --local --stdio '%h'\n");
        assertThat(viaPath.err()).doesNotContain("build tree");

        Launchers.Result direct = Launchers.run(home, Map.of("PATH", path), Launchers.DEVWS.toString(), "config-ssh", "--local", "--dry-run");
        assertThat(direct.out()).as("the build tree's launcher, but PATH has the same devws")
                .contains("+  ProxyCommand \"" + bin.resolve("devws") + "\" ssh --local --stdio '%h'\n");
    }

    @Test
    void aLauncherStartedThroughASymlinkKeepsThatPath() throws Exception {
        Path link = Files.createDirectories(home.resolve("opt")).resolve("devws");
        Files.createSymbolicLink(link, Launchers.DEVWS);
        Launchers.Result run = Launchers.run(home, Map.of("PATH", BARE_PATH), link.toString(), "config-ssh", "--local", "--dry-run");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("+  ProxyCommand \"" + link + "\" ssh --local --stdio '%h'\n");
        assertThat(run.err()).doesNotContain("build tree");
    }

    @Test
    void onlyTheBuildTreeLeftIsSaidOnStderr() throws Exception {
        Launchers.Result run = Launchers.run(home, Map.of("PATH", BARE_PATH), Launchers.DEVWS.toString(), "config-ssh", "--local");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(home.resolve(".ssh/devws/config"))).contains("  ProxyCommand \"" + Launchers.DEVWS + "\" ssh --local --stdio '%h'\n");
        assertThat(run.err()).contains("devws: warning: the ProxyCommand runs " + Launchers.DEVWS + ", in a build tree that `mvn clean` deletes;"
                + " put devws on your PATH (e.g. ln -s " + Launchers.DEVWS + " ~/.local/bin/devws) and run config-ssh again");
    }
}
