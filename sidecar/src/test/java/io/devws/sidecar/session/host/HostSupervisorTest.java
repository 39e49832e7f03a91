package io.devws.sidecar.session.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.SidecarContract;
import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SessionProcess;
import io.devws.sidecar.session.SubsystemExecutor;
import io.devws.sidecar.session.SessionProcess.ExitStatus;
import io.devws.sidecar.session.kube.KubeSessionExecutor;
import io.devws.sidecar.session.kube.KubeTarget;
import io.devws.testing.ExecRequest;
import io.devws.testing.ExecTestServer;
import io.devws.testing.TestWorkspaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor and the session routing against the exec test server (real Fabric8 exec, real
 * local processes as the "dev" container) with a fake host launcher that runs a real socat listener.
 */
@Timeout(60)
class HostSupervisorTest {
    static final KubeTarget TARGET = new KubeTarget("ns", "ws", SidecarContract.DEV_CONTAINER);
    static final HostSupervisor.Timing FAST = new HostSupervisor.Timing(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(20));

    @TempDir
    Path dir;
    ExecTestServer server;
    KubernetesClient client;
    FakeHost host;
    final List<SessionPath> reported = new CopyOnWriteArrayList<>();
    HostSupervisor supervisor;

    @BeforeEach
    void start() throws IOException {
        server = ExecTestServer.start();
        client = server.client();
        client.pods().inNamespace("ns").resource(TestWorkspaces.pod("ns", "ws", true)).create();
        host = new FakeHost(dir);
    }

    @AfterEach
    void stop() throws IOException {
        if (supervisor != null) {
            supervisor.close();
        }
        host.kill();
        client.close();
        server.close();
    }

    /** Every probe of the host, the supervisor's periodic checks included. */
    final java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();

    HostSupervisor supervisor(HostSupervisor.Timing timing) {
        SocketHostProbe socket = new SocketHostProbe(host.socket);
        HostProbe counted = () -> {
            probes.incrementAndGet();
            return socket.alive();
        };
        supervisor = new HostSupervisor(counted, new ExecHostStarter(client, TARGET, host.command()), reported::add, timing);
        return supervisor.start();
    }

    List<ExecRequest> startExecs() {
        return server.requests().stream().filter(r -> r.command().get(0).equals(host.launcher.toString())).toList();
    }

    @Test
    void oneExecStartsTheHostAndLaterSessionsNeedNone() throws IOException {
        supervisor(FAST);
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.path().viaHost());
        for (int i = 0; i < 20; i++) {
            assertThat(supervisor.hostAlive()).isTrue();
        }
        ExecRequest exec = startExecs().get(0);
        assertThat(startExecs()).hasSize(1);
        assertThat(exec.container()).isEqualTo(SidecarContract.DEV_CONTAINER);
        assertThat(exec.command()).containsExactly(host.launcher.toString(), "start", "--socket", host.socket.toString(), "--allow-uid", "4242");
        assertThat(host.starts()).hasSize(1);
        assertThat(reported).containsExactly(SessionPath.host("the session host serves sessions"));
    }

    @Test
    void aKilledHostIsStartedAgainWithOneMoreExec() throws IOException {
        supervisor(new HostSupervisor.Timing(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.path().viaHost());
        host.kill();
        assertThat(supervisor.hostAlive()).as("the session finds the host dead, waits for the one restart and is served by it").isTrue();
        assertThat(supervisor.path().viaHost()).isTrue();
        assertThat(host.starts()).hasSize(2);
        assertThat(startExecs()).hasSize(2);
    }

    @Test
    void aSessionWaitsForASlowStartOnlyAsLongAsItsWait() throws IOException {
        server.environment(SidecarContract.DEV_CONTAINER, Map.of("FAKE_HOST_DELAY", "3"));
        supervisor(new HostSupervisor.Timing(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMillis(500)));
        long t0 = System.nanoTime();
        assertThat(supervisor.hostAlive()).as("the start still runs: this session takes the fallback").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(400), Duration.ofMillis(2500));
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.path().viaHost());
        assertThat(supervisor.hostAlive()).isTrue();
        assertThat(startExecs()).hasSize(1);
    }

    @Test
    void theHostDiesWithoutSessionsAndThePeriodicCheckRestartsIt() throws IOException {
        supervisor(FAST);
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.path().viaHost());
        host.kill();
        await().atMost(Duration.ofSeconds(20)).until(() -> host.starts().size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> new SocketHostProbe(host.socket).alive());
    }

    @Test
    void aHostThatCannotRunIsReportedWithTheLaunchersReasonAndNotRetriedPerSession() throws IOException {
        server.environment(SidecarContract.DEV_CONTAINER, Map.of("FAKE_HOST_FAIL", "1"));
        supervisor(FAST);
        await().atMost(Duration.ofSeconds(20)).until(() -> !reported.isEmpty());
        assertThat(supervisor.path()).isEqualTo(SessionPath.exec("devws-host: cannot run: no glibc (fake)"));
        for (int i = 0; i < 10; i++) {
            assertThat(supervisor.hostAlive()).isFalse();
        }
        // several periodic checks (each probes the host), all inside the retry pause: counted, not slept for
        int before = probes.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> probes.get() >= before + 5);
        assertThat(startExecs()).as("one start exec, then the retry pause").hasSize(1);
    }

    @Test
    void aFailedStartIsRetriedAfterItsPauseAndThenServes() throws IOException {
        server.environment(SidecarContract.DEV_CONTAINER, Map.of("FAKE_HOST_FAIL", "1"));
        supervisor(new HostSupervisor.Timing(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !reported.isEmpty());
        server.environment(SidecarContract.DEV_CONTAINER, Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.path().viaHost());
        assertThat(reported).extracting(SessionPath::path).containsExactly("exec", "host");
    }

    @Test
    void sessionsUseTheHostWhenItAnswersAndTheExecFallbackOtherwise() throws Exception {
        List<ProcessSpec> viaHost = new CopyOnWriteArrayList<>();
        SubsystemExecutor hostExecutor = new SubsystemExecutor() {
            @Override
            public SessionProcess start(ProcessSpec spec) throws IOException {
                viaHost.add(spec);
                throw new IOException("the host refused the session");
            }

            @Override
            public SessionExecutor subsystem(String name) {
                return this;
            }
        };
        supervisor(FAST);
        try (var routing = new RoutingSessionExecutor(supervisor, hostExecutor, new KubeSessionExecutor(client, TARGET, false, java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.path().viaHost());
            SessionProcess p = routing.start(new ProcessSpec("echo via-exec", Map.of(), null, null));
            assertThat(new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("via-exec\n");
            assertThat(p.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(ExitStatus.exited(0));
            assertThat(viaHost).as("tried the host first").hasSize(1);

            supervisor.close(); // no restart: the next session must go to the exec path without asking the host
            host.kill();
            SessionProcess q = routing.start(new ProcessSpec("echo still-works", Map.of(), null, null));
            assertThat(new String(q.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("still-works\n");
            assertThat(viaHost).hasSize(1);
        }
    }
}
