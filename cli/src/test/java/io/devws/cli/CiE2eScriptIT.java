package io.devws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/e2e}, the real-cluster stage of {@code .ci/run}, must fail (exit 3, with a banner saying the
 * end-to-end suite did not run) when the Kubernetes harness is missing or cannot start, so CI never goes
 * green without it; only {@code DEVWS_E2E_SKIP=1} skips it, and says so. The harness is always a stand-in
 * in a temporary folder ({@code DEVWS_KUBE_DIR}): this test never starts or stops a real cluster.
 */
@Timeout(120)
class CiE2eScriptIT {
    static final Path SCRIPT = Path.of("..", ".ci", "e2e").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int code, String out, String err, Duration took) {
    }

    Run e2e(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).redirectInput(new File("/dev/null"))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().remove("DEVWS_E2E_SKIP");
        pb.environment().remove("DEVWS_E2E_KEEP_CLUSTER");
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(".ci/e2e did not end: " + Files.readString(dir.resolve("err")));
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    @Test
    void aMissingHarnessFailsWithExit3AndSaysTheSuiteDidNotRun() throws Exception {
        Path missing = dir.resolve("no-such-harness");
        Run r = e2e(Map.of("DEVWS_KUBE_DIR", missing.toString()));
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("!! E2E FAILED: no Kubernetes harness at " + missing
                + " (set DEVWS_KUBE_DIR to the shared/kube folder, or DEVWS_E2E_SKIP=1 to skip on purpose).");
        assertThat(r.out()).isEmpty();
        assertThat(r.took()).as("fails at once, builds nothing").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aHarnessThatCannotStartFailsWithExit3AndIsStoppedAgain() throws Exception {
        Path kube = harness("echo 'apiserver did not come up' >&2; exit 1");
        Run r = e2e(Map.of("DEVWS_KUBE_DIR", kube.toString()));
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("apiserver did not come up")
                .contains("!! E2E FAILED: the Kubernetes harness could not start").contains("the end-to-end suite did NOT run");
        assertThat(kube.resolve("down.called")).as("down.sh cleans up after a failed start").exists();
    }

    @Test
    void aHarnessThatPrintsNoKubeconfigCountsAsNotStarted() throws Exception {
        Path kube = harness("echo 'started, I think'; exit 0");
        Run r = e2e(Map.of("DEVWS_KUBE_DIR", kube.toString()));
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("!! E2E FAILED: the Kubernetes harness could not start");
    }

    @Test
    void onlyAnExplicitSkipPassesWithoutTheSuiteAndSaysSo() throws Exception {
        Run r = e2e(Map.of("DEVWS_KUBE_DIR", dir.resolve("no-such-harness").toString(), "DEVWS_E2E_SKIP", "1"));
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("!! E2E SKIPPED on request (DEVWS_E2E_SKIP=1): the end-to-end suite did NOT run.");
        // and .ci/run, which CI runs, never asks for it
        assertThat(Files.readAllLines(SCRIPT.resolveSibling("run"))).filteredOn(l -> !l.strip().startsWith("#"))
                .noneMatch(l -> l.contains("DEVWS_E2E_SKIP"));
    }

    /** A stand-in harness folder: {@code up.sh} with this body, {@code down.sh} that leaves a mark. */
    private Path harness(String upBody) throws IOException {
        Path kube = Files.createDirectories(dir.resolve("kube"));
        Files.writeString(kube.resolve("up.sh"), "#!/usr/bin/env bash\n" + upBody + "\n");
        Files.writeString(kube.resolve("down.sh"), "#!/usr/bin/env bash\ntouch \"$(dirname \"$0\")/down.called\"\n");
        return kube;
    }
}
