package io.devws.transport.exec;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The raw exec tunnel against {@code kubectl exec -i} on one pod, in one run: N MiB up (into
 * {@code cat > /dev/null}, stdin half-closed at the end; {@code head -c N} for WebSocket v4) and down ({@code head -c N /dev/zero}),
 * with {@link ExecClient} on JDK TLS and on native TLS (and on WebSocket v4, the old path), each
 * round kubectl first then ours, and
 * prints medians and ratios (kubectl time / ours: above 1 means faster than kubectl).
 *
 * <p>Usage (KUBECONFIG names the cluster; see docs/benchmarks-exec.md):
 * {@code java -cp CP io.devws.transport.exec.ExecBenchmark NAMESPACE POD [MIB] [ROUNDS]}
 */
public final class ExecBenchmark {
    private ExecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ExecBenchmark NAMESPACE POD [MIB] [ROUNDS]");
            System.exit(2);
        }
        String ns = args[0];
        String pod = args[1];
        int mib = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        long bytes = mib * 1024L * 1024L;
        Path file = Files.createTempFile("devws-bench", ".bin");
        byte[] chunk = new byte[1024 * 1024];
        new Random(1).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
            }
        }
        List<String> cat = List.of("sh", "-c", "cat > /dev/null");
        // WebSocket v4 cannot end cat's stdin: there the upload ends by count
        List<String> head = List.of("sh", "-c", "head -c " + bytes + " > /dev/null");
        List<String> down = List.of("head", "-c", Long.toString(bytes), "/dev/zero");
        try (KubernetesClient kube = new KubernetesClientBuilder().build()) {
            // negotiated (SPDY on clusters before 1.30) on each TLS engine, then WebSocket v4 (the old path) for reference
            List<Object[]> setups = List.of(new Object[] {ExecProtocol.NEGOTIATION, ExecTls.Mode.JDK},
                    new Object[] {ExecProtocol.NEGOTIATION, ExecTls.Mode.NATIVE},
                    new Object[] {List.of(ExecProtocol.WEBSOCKET_V4), ExecTls.Mode.AUTO});
            for (Object[] setup : setups) {
                @SuppressWarnings("unchecked")
                List<ExecProtocol> protocols = (List<ExecProtocol>) setup[0];
                List<String> up = protocols.contains(ExecProtocol.WEBSOCKET_V4) && protocols.size() == 1 ? head : cat;
                try (ExecClient client = new ExecClient(kube, protocols, (ExecTls.Mode) setup[1])) {
                    // warm-up: JIT and the negotiation's memory of the protocol, as in a long-lived client
                    ours(client, ns, pod, up, file, bytes);
                    ours(client, ns, pod, down, null, bytes);
                    String how = describe(client, ns, pod);
                    double[][] t = new double[4][rounds];
                    for (int r = 0; r < rounds; r++) {
                        t[0][r] = kubectl(ns, pod, up, file);
                        t[1][r] = ours(client, ns, pod, up, file, bytes);
                        t[2][r] = kubectl(ns, pod, down, null);
                        t[3][r] = ours(client, ns, pod, down, null, bytes);
                    }
                    report(how, mib, "up  ", median(t[0]), median(t[1]));
                    report(how, mib, "down", median(t[2]), median(t[3]));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String describe(ExecClient client, String ns, String pod) {
        try (ExecStream s = client.open(new ExecSpec(ns, pod, container(), List.of("true"), false, false, false), null)) {
            return client.describe(s);
        }
    }

    private static String container() {
        return System.getProperty("devws.bench.container", "cat");
    }

    /** Seconds for one transfer with our client (open to exit status). */
    static double ours(ExecClient client, String ns, String pod, List<String> cmd, Path upload, long bytes) throws Exception {
        long t0 = System.nanoTime();
        try (ExecStream s = client.open(new ExecSpec(ns, pod, container(), cmd, upload != null, false, false), null)) {
            Thread reader = new Thread(() -> drain(s.stdout(), upload == null ? bytes : 0));
            reader.start();
            if (upload != null) {
                // 64 KiB writes, as the CLI's stdio pump makes them
                byte[] buf = new byte[64 * 1024];
                try (InputStream in = Files.newInputStream(upload); OutputStream out = s.stdin()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        out.write(buf, 0, n);
                    }
                }
            }
            reader.join();
            ExecExit exit = s.exit().get(120, TimeUnit.SECONDS);
            if (exit.code() != 0) {
                throw new IllegalStateException("exec ended with " + exit);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void drain(InputStream in, long expected) {
        byte[] buf = new byte[256 * 1024];
        long n = 0;
        try {
            int k;
            while ((k = in.read(buf)) >= 0) {
                n += k;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (n != expected) {
            throw new IllegalStateException("read " + n + " bytes, expected " + expected);
        }
    }

    /** Seconds for one transfer with kubectl exec (-i when uploading). */
    static double kubectl(String ns, String pod, List<String> cmd, Path upload) throws Exception {
        List<String> argv = new ArrayList<>(List.of("kubectl", "exec", "-n", ns, pod, "-c", container()));
        if (upload != null) {
            argv.add("-i");
        }
        argv.add("--");
        argv.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")));
        if (upload != null) {
            pb.redirectInput(upload.toFile());
        }
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("kubectl exited with " + code);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void report(String how, int mib, String direction, double kubectl, double ours) {
        System.out.printf("%-60s %s %d MiB: kubectl %.2f s (%.0f MiB/s), devws %.2f s (%.0f MiB/s), ratio %.2fx%n",
                how, direction, mib, kubectl, mib / kubectl, ours, mib / ours, kubectl / ours);
    }
}
