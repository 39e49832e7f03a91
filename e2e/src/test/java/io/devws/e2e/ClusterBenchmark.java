package io.devws.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * devws vs raw kubectl exec over the same API server and kubelet, with hyperfine: throughput of a stream
 * into and out of the dev container, and the wall time of running `true`; each once with the config
 * {@code devws config-ssh} writes by default (a new tunnel per ssh) and once with the connection sharing
 * {@code config-ssh --multiplex} adds. Measures and reports; {@link #floorViolations()} then compares each
 * ratio with a loose floor (docs/benchmarks.md, "Floors in CI"): half the worst ratio measured so far, so a 2x
 * regression fails and the noise of a shared machine (the two sides run in the same minute) does not.
 */
public final class ClusterBenchmark {
    private final UserSide user;
    private final String host;
    private final String kubectlTarget;
    private final Path dir;
    /** Ratio limits (devws / kubectl; for times a ceiling, for throughput a floor), keyed by row label. */
    static final java.util.Map<String, Double> FLOORS = java.util.Map.of(
            "upload", 0.13, "download", 0.21, "true", 4.7,
            "mux-upload", 0.18, "mux-download", 0.30, "mux-true", 1.9);
    private final java.util.Map<String, Double> ratios = new java.util.LinkedHashMap<>();

    public ClusterBenchmark(UserSide user, String host, String namespace, String pod, String container, Path dir) {
        this.user = user;
        this.host = host;
        this.kubectlTarget = "kubectl --kubeconfig " + user.kubeconfig() + " exec -n " + namespace + " " + pod + " -c " + container;
        this.dir = dir;
    }

    public String run(Path payload, int mib) throws Exception {
        String ssh = "ssh -F " + user.sshConfig() + " -o BatchMode=yes " + host;
        // what config-ssh --multiplex writes (ControlMaster auto, ControlPath, ControlPersist, ssh --stdio --shared),
        // as options: the control socket must live in a short directory (this user's HOME is too deep for one)
        String shared = "ssh -F " + user.sshConfig() + " -o BatchMode=yes -o ControlMaster=auto -o ControlPath=" + dir.resolve("cm-%C")
                + " -o ControlPersist=120 -o 'ProxyCommand=" + user.devwsLauncher() + " ssh --stdio --shared %h' " + host;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| measurement | devws (ssh %s) | kubectl exec | ratio |%n|---|---|---|---|%n", host));
        rows(out, "", ssh, payload, mib);
        try {
            rows(out, "multiplexed: ", shared, payload, mib);
        } finally {
            Proc.of(List.of("bash", "-c", shared.replace(" " + host, " -O exit " + host))).env(user.env()).run();
        }
        return out.toString();
    }

    private void rows(StringBuilder out, String label, String ssh, Path payload, int mib) throws Exception {
        String tag = label.isEmpty() ? "" : "mux-";
        // the remote side reads a known byte count, so the measurement does not depend on stdin EOF
        String sink = "head -c " + ((long) mib << 20) + " > /dev/null";
        double[] up = pair(tag + "up", ssh + " '" + sink + "' < " + payload,
                kubectlTarget + " -i -- sh -c '" + sink + "' < " + payload, 5);
        row(out, label + "upload " + mib + " MiB (MiB/s, higher is better)", mib / up[0], mib / up[1], (mib / up[0]) / (mib / up[1]));
        ratios.put(tag + "upload", (mib / up[0]) / (mib / up[1]));
        String head = "head -c " + ((long) mib << 20) + " /dev/zero";
        double[] down = pair(tag + "down", ssh + " '" + head + "' > /dev/null", kubectlTarget + " -- " + head + " > /dev/null", 5);
        row(out, label + "download " + mib + " MiB (MiB/s, higher is better)", mib / down[0], mib / down[1], (mib / down[0]) / (mib / down[1]));
        ratios.put(tag + "download", (mib / down[0]) / (mib / down[1]));
        double[] t = pair(tag + "true", ssh + " true", kubectlTarget + " -- true", 15);
        row(out, label + "run `true`, mean wall time (ms, lower is better)", t[0] * 1000, t[1] * 1000, t[0] / t[1]);
        ratios.put(tag + "true", t[0] / t[1]);
    }

    /** Each measured ratio beyond its floor (or a measurement that failed), one line each; empty when all pass. */
    public List<String> floorViolations() {
        List<String> bad = new java.util.ArrayList<>();
        FLOORS.forEach((name, limit) -> {
            Double r = ratios.get(name);
            boolean time = name.endsWith("true");
            if (r == null || r.isNaN()) {
                bad.add(name + ": not measured (see the log)");
            } else if (time ? r > limit : r < limit) {
                bad.add(String.format(Locale.ROOT, "%s: devws/kubectl %.2fx, limit %s %.2fx", name, r, time ? "<=" : ">=", limit));
            }
        });
        return bad;
    }

    private static void row(StringBuilder out, String what, double devws, double kubectl, double ratio) {
        if (Double.isNaN(ratio)) {
            out.append(String.format(Locale.ROOT, "| %s | failed (see the log) | | |%n", what));
            return;
        }
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f× |%n", what, devws, kubectl, ratio));
    }

    /**
     * Mean seconds of the devws command and of the kubectl command (hyperfine, 1 warm-up). A run that
     * fails is reported, with what the failing command says when run once more, instead of a number:
     * the journey's other steps assert the behaviour, this one measures it.
     */
    private double[] pair(String name, String devws, String kubectl, int runs) throws Exception {
        Path json = dir.resolve("bench-" + name + ".json");
        Proc.Result r = Proc.of(List.of("hyperfine", "--shell=bash", "--warmup", "1", "--runs", String.valueOf(runs),
                        "--export-json", json.toString(), "-n", "devws", devws, "-n", "kubectl", kubectl))
                .env(user.env()).timeout(Duration.ofMinutes(10)).run();
        if (r.exit() != 0) {
            Proc.Result again = Proc.of(List.of("bash", "-c", devws + " > /dev/null")).env(user.env())
                    .timeout(Duration.ofMinutes(2)).run();
            System.out.println("[benchmark] " + name + ": hyperfine failed: " + r.err().strip()
                    + "\n[benchmark] the devws command once more: exit " + again.exit() + ", stderr:\n" + again.err());
            return new double[] {Double.NaN, Double.NaN};
        }
        JsonNode results = new ObjectMapper().readTree(Files.readString(json)).get("results");
        return new double[] {results.get(0).get("mean").asDouble(), results.get(1).get("mean").asDouble()};
    }
}
