package io.devws.testing;

import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Kubernetes API server for tests without a cluster: the Fabric8 mock server in CRUD mode, plus
 * {@code pods/exec} that runs the requested command as a local process (with a PTY for tty=true),
 * over the real protocols: WebSocket {@code v4.channel.k8s.io} (the mock server), SPDY/3.1 and
 * WebSocket {@code v5.channel.k8s.io} ({@link ExecFront}), as {@link Offer} says. Clients (the Fabric8 client,
 * the CLI launcher via {@link #writeKubeconfig}) cannot tell it from an API server for what devws
 * uses. Each container name can get its own environment overlay and working directory, so a
 * test can make "devws-sshd" and "dev" look different.
 */
public final class ExecTestServer implements AutoCloseable {
    /** Which exec protocols the server takes (WebSocket v4 always). */
    public enum Offer {
        /** Only WebSocket v4. */
        V4(false, false),
        /** SPDY and WebSocket v4: Kubernetes before 1.30, like the project's real test cluster (1.20). */
        SPDY(true, false),
        /** WebSocket v5, SPDY and WebSocket v4: Kubernetes 1.30 and later. */
        V5(true, true);

        /** The default, unless {@code -Ddevws.test.exec.offer=v4|spdy|v5} says otherwise. */
        public static Offer fromSystemProperty() {
            return valueOf(System.getProperty("devws.test.exec.offer", "spdy").toUpperCase(java.util.Locale.ROOT));
        }

        private final boolean spdy;
        private final boolean v5;

        Offer(boolean spdy, boolean v5) {
            this.spdy = spdy;
            this.v5 = v5;
        }

        boolean spdy() {
            return spdy;
        }

        boolean v5() {
            return v5;
        }
    }

    private final KubernetesMockServer server;
    private final ExecDispatcher dispatcher;
    private volatile Offer offer = Offer.fromSystemProperty();
    private ExecFront front;
    private final Map<String, Map<String, String>> containerEnv = new ConcurrentHashMap<>();
    private final Map<String, Path> containerWorkdir = new ConcurrentHashMap<>();
    private final List<LocalProcess> processes = new CopyOnWriteArrayList<>();
    private final List<ExecRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> apiCalls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile int execRefusal;
    private volatile String onlyToken;
    private volatile boolean stopped;

    private ExecTestServer() {
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
        crud.expectCustomResource(CustomResourceDefinitionContext.fromCustomResourceType(DevWorkspace.class));
        dispatcher = new ExecDispatcher(crud, this);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    }

    /** Starts a server on a free loopback port, offering what {@link Offer#fromSystemProperty()} says. */
    public static ExecTestServer start() {
        ExecTestServer s = new ExecTestServer();
        try {
            s.server.init(InetAddress.getLoopbackAddress(), 0);
            s.front = new ExecFront(s, s.dispatcher, s.server.getPort());
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalStateException("mock API server did not start", e);
        }
        return s;
    }

    /** Starts a server offering {@code offer}. */
    public static ExecTestServer start(Offer offer) {
        return start().offer(offer);
    }

    /** Changes the exec protocols taken from now on. */
    public ExecTestServer offer(Offer offer) {
        this.offer = offer;
        return this;
    }

    Offer offer() {
        return offer;
    }

    /** A client for this server (the caller closes it). */
    public KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace("test")
                .withTrustCerts(true).withHttp2Disable(true).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public String url() {
        return "http://" + server.getHostName() + ":" + port();
    }

    public int port() {
        return front.port();
    }

    /** Writes a kubeconfig whose current context points here, with {@code namespace} as default. */
    public Path writeKubeconfig(Path file, String namespace) {
        return Kubeconfigs.write(file, url(), namespace);
    }

    /** Variables added to (or replacing) the test JVM's environment for execs into {@code container}. */
    public ExecTestServer environment(String container, Map<String, String> env) {
        containerEnv.put(container, Map.copyOf(env));
        return this;
    }

    /** Working directory of execs into {@code container} (default: the JVM's working directory). */
    public ExecTestServer workdir(String container, Path dir) {
        containerWorkdir.put(container, dir);
        return this;
    }

    /** While on, every exec is refused with 403 Forbidden, as without RBAC for pods/exec. */
    public void denyExec(boolean deny) {
        refuseExec(deny ? 403 : 0);
    }

    /**
     * While non-zero, every exec is refused with this status and the body an API server sends: 401 (the
     * credentials no longer valid by the time of the exec), 403 (no RBAC for pods/exec), 404 (the pod was
     * deleted between the client's look-up and its exec). 0: execs are admitted as usual.
     */
    public void refuseExec(int status) {
        execRefusal = status;
    }

    int execRefusal() {
        return execRefusal;
    }

    /**
     * From now on only requests bearing {@code token} are served, every other one (exec or not) gets
     * 401 Unauthorized, as when the kubeconfig's token expired or was revoked; null serves any.
     */
    public void acceptOnlyToken(String token) {
        onlyToken = token;
    }

    /** Whether a request with this {@code Authorization} header value (may be null) is served. */
    boolean authorized(String authorization) {
        String token = onlyToken;
        return token == null || ("Bearer " + token).equals(authorization);
    }

    void recordRequest(ExecRequest request) {
        requests.add(request);
    }

    void recordApiCall(String call) {
        apiCalls.add(call);
    }

    /**
     * Every other API request ({@code "GET /api/v1/namespaces/team/pods/NAME"}), in the order they arrived: a test
     * that waits for a client to have looked at a state takes the size first and reads what came after.
     */
    public List<String> apiCalls() {
        synchronized (apiCalls) {
            return List.copyOf(apiCalls);
        }
    }

    /** Every exec the server accepted, in order. */
    public List<ExecRequest> requests() {
        return List.copyOf(requests);
    }

    LocalProcess startProcess(ExecRequest request) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(containerEnv.getOrDefault(request.container(), Map.of()));
        Path workdir = containerWorkdir.getOrDefault(request.container(), Path.of("").toAbsolutePath());
        LocalProcess p = LocalProcess.start(resolve(request.command(), env), env, workdir, request.tty());
        processes.add(p);
        return p;
    }

    /** Resolves the command's program on the container's PATH, as a container runtime does. */
    private static List<String> resolve(List<String> command, Map<String, String> env) throws IOException {
        if (command.isEmpty()) {
            throw new IOException("no command");
        }
        String program = command.get(0);
        if (!program.contains("/")) {
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            program = null;
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, command.get(0));
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    program = candidate.toString();
                    break;
                }
            }
            if (program == null) {
                throw new IOException("exec: \"" + command.get(0) + "\": executable file not found in $PATH");
            }
        }
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, program);
        return resolved;
    }

    /** Processes started by execs that are still running, each with its descendants. */
    public List<ProcessHandle> liveProcesses() {
        List<ProcessHandle> live = new ArrayList<>();
        for (LocalProcess p : processes) {
            ProcessHandle.of(p.pid()).filter(ProcessHandle::isAlive).ifPresent(h -> {
                live.add(h);
                h.descendants().filter(ProcessHandle::isAlive).forEach(live::add);
            });
        }
        return live;
    }

    /** Live exec'd processes whose command line contains {@code text}. */
    public List<ProcessHandle> liveProcesses(String text) {
        return liveProcesses().stream()
                .filter(h -> h.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .toList();
    }

    /**
     * Stops serving HTTP: open exec WebSockets break, as when the connection to the API server is
     * lost. Processes keep running, as they would in the pod.
     */
    public void stop() {
        if (!stopped) {
            stopped = true;
            if (front != null) {
                front.close();
            }
            server.destroy();
        }
    }

    /** Stops the server and kills every process an exec started. */
    @Override
    public void close() {
        stop();
        processes.forEach(LocalProcess::kill);
    }

    /**
     * pty4j extracts its native library to a new temporary folder at every start unless
     * {@code pty4j.preferred.native.folder} names a folder holding it (docs/kubernetes-quirks.md).
     */
    static synchronized void fixPty4jNativeFolder() {
        if (System.getProperty("pty4j.preferred.native.folder") != null) {
            return;
        }
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "devws-test-pty4j");
        Path lib = folder.resolve("linux/x86-64/libpty.so");
        try (InputStream in = LocalProcess.class.getResourceAsStream("/resources/com/pty4j/native/linux/x86-64/libpty.so")) {
            if (in == null) {
                return;
            }
            if (!Files.exists(lib)) {
                Files.createDirectories(lib.getParent());
                Path tmp = Files.createTempFile(folder, "libpty", ".so");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
            }
            System.setProperty("pty4j.preferred.native.folder", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract pty4j's native library to " + folder, e);
        }
    }
}
