package io.devws.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devws.model.ConditionType;
import io.devws.model.DevWorkspace;
import io.devws.operator.model.Fixtures;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SidecarContract;
import io.devws.model.StorageSpec;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator, running in this JVM, against the Fabric8 mock API server in CRUD mode (no kubelet,
 * no garbage collector: pod and PVC statuses are written by the test as a kubelet would).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DevWorkspaceReconcilerIT {
    static final String NS = "devws-test";
    static final Duration WAIT = Duration.ofSeconds(45); // generous: the 2-core machine is shared with other builds

    @Inject
    KubernetesClient client;

    @BeforeEach
    void crd() throws Exception {
        // the mock server learns from the CRD that status is a subresource
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/fabric8/devworkspaces.devws.io-v1.yml")) {
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            client.resource(crd).createOr(c -> c.update());
        }
    }

    static DevWorkspace workspace(String name) {
        return Fixtures.imageOnly(NS, name);
    }

    Resource<DevWorkspace> ws(String name) {
        return client.resources(DevWorkspace.class).inNamespace(NS).withName(name);
    }

    Resource<Pod> pod(String name) {
        return client.pods().inNamespace(NS).withName(name);
    }

    DevWorkspaceStatus awaitStatus(String name, Predicate<DevWorkspaceStatus> condition) {
        await().atMost(WAIT).until(() -> {
            DevWorkspace w = ws(name).get();
            return w != null && w.getStatus() != null && condition.test(w.getStatus());
        });
        return ws(name).get().getStatus();
    }

    Resource<Lease> lease(String name) {
        return client.resources(Lease.class).inNamespace(NS).withName(WorkspaceNames.of(name).activityLease());
    }

    /** What the sidecar does while SSH is active: a JSON merge patch of the Lease's renewTime. */
    void renew(String name, Instant when) {
        await().atMost(WAIT).until(() -> lease(name).get() != null);
        lease(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"renewTime\":\"" + when.atZone(ZoneOffset.UTC).format(MICRO_TIME) + "\"}}");
    }

    Pod awaitPod(String name, Predicate<Pod> condition) {
        await().atMost(WAIT).until(() -> {
            Pod p = pod(name).get();
            return p != null && condition.test(p);
        });
        return pod(name).get();
    }

    void setPodStatus(String name, io.fabric8.kubernetes.api.model.PodStatus status) {
        Pod p = pod(name).get();
        p.setStatus(status);
        client.resource(p).updateStatus();
    }

    void bindPvc(String name) {
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(NS).withName(WorkspaceNames.of(name).pvc()).get();
        pvc.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
        client.resource(pvc).updateStatus();
    }

    @Test
    void createsEveryObjectAndTheStatusThenRuns() {
        DevWorkspace created = client.resource(workspace("alpha")).create();
        WorkspaceNames n = WorkspaceNames.of("alpha");
        Pod pod = awaitPod("alpha", p -> true);
        List<HasMetadata> owned = List.of(pod,
                await().atMost(WAIT).until(() -> client.persistentVolumeClaims().inNamespace(NS).withName(n.pvc()).get(), o -> o != null),
                await().atMost(WAIT).until(() -> client.secrets().inNamespace(NS).withName(n.hostKeySecret()).get(), o -> o != null),
                await().atMost(WAIT).until(() -> client.serviceAccounts().inNamespace(NS).withName(n.serviceAccount()).get(), o -> o != null),
                await().atMost(WAIT).until(() -> client.rbac().roles().inNamespace(NS).withName(n.role()).get(), o -> o != null),
                await().atMost(WAIT).until(() -> client.rbac().roleBindings().inNamespace(NS).withName(n.roleBinding()).get(), o -> o != null),
                await().atMost(WAIT).until(() -> lease("alpha").get(), o -> o != null));
        for (HasMetadata o : owned) {
            assertThat(o.getMetadata().getOwnerReferences()).as(o.getKind() + " owner").singleElement().satisfies(ref -> {
                assertThat(ref.getKind()).isEqualTo("DevWorkspace");
                assertThat(ref.getName()).isEqualTo("alpha");
                assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid());
            });
            assertThat(o.getMetadata().getLabels()).containsEntry(SidecarContract.LABEL_WORKSPACE, "alpha");
        }
        assertThat(pod.getSpec().getContainers()).extracting(c -> c.getImage())
                .containsExactly("devws.local/dev:bookworm", "devws-sidecar:test");
        Role role = (Role) owned.get(4);
        // the sidecar's token: exec into its pod, renew its Lease; no write on the pod (labels, owners)
        assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getResources()).contains("pods"));
        assertThat(role.getRules()).filteredOn(r -> r.getResources().contains("pods/exec")).singleElement()
                .satisfies(r -> assertThat(r.getResourceNames()).containsExactly("alpha"));
        assertThat(role.getRules()).filteredOn(r -> r.getResources().contains("leases")).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(r.getResourceNames()).containsExactly(n.activityLease());
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
        });
        Lease lease = (Lease) owned.get(6);
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("devws-sidecar");
        assertThat(lease.getSpec().getRenewTime()).as("renewed by the sidecar only").isNull();
        assertThat(pod.getSpec().getContainers().get(1).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo(SidecarContract.ENV_ACTIVITY_LEASE);
            assertThat(e.getValue()).isEqualTo(n.activityLease());
        });

        DevWorkspaceStatus status = awaitStatus("alpha", s -> s.getSsh() != null && s.getPodName() != null);
        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(status.getObservedGeneration()).isEqualTo(created.getMetadata().getGeneration());
        assertThat(status.getConditions()).extracting(c -> c.getType())
                .containsExactly("StorageReady", "HostKeyReady", "PodReady", "SshReady", "Ready");
        assertThat(status.getSsh().getHostPublicKey()).matches("ssh-ed25519 AAAA[A-Za-z0-9+/=]+");
        assertThat(status.getSsh().getHostKeyFingerprint()).startsWith("SHA256:");
        assertThat(status.getSsh().getContainer()).isEqualTo(SidecarContract.SIDECAR_CONTAINER);
        assertThat(status.condition(ConditionType.HostKeyReady).orElseThrow().isTrue()).isTrue();

        bindPvc("alpha");
        setPodStatus("alpha", PodStatuses.ready(Instant.now()));
        DevWorkspaceStatus running = awaitStatus("alpha", s -> s.getPhase() == Phase.Running);
        assertThat(running.isReady()).isTrue();
        assertThat(running.getConditions()).allSatisfy(c -> assertThat(c.getStatus()).as(c.toString()).isEqualTo("True"));
        String readySince = running.condition(ConditionType.Ready).orElseThrow().getLastTransitionTime();
        // a later reconcile (an unrelated pod change) keeps lastTransitionTime
        pod("alpha").edit(p -> {
            p.getMetadata().getAnnotations().put("example.com/touch", "1");
            return p;
        });
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(ws("alpha").get().getStatus().condition(ConditionType.Ready).orElseThrow().getLastTransitionTime()).isEqualTo(readySince);
    }

    @Test
    void stopDeletesThePodAndKeepsStorageAndHostKey_startBringsItBack() {
        client.resource(workspace("beta")).create();
        awaitPod("beta", p -> true);
        String pvcUid = await().atMost(WAIT).until(
                () -> client.persistentVolumeClaims().inNamespace(NS).withName("beta-workspace").get(), o -> o != null).getMetadata().getUid();
        String hostKey = awaitStatus("beta", s -> s.getSsh() != null).getSsh().getHostPublicKey();

        ws("beta").edit(w -> {
            w.getSpec().setStarted(false);
            return w;
        });
        await().atMost(WAIT).until(() -> pod("beta").get() == null);
        await("the activity Lease goes with the pod").atMost(WAIT).until(() -> lease("beta").get() == null);
        DevWorkspaceStatus stopped = awaitStatus("beta", s -> s.getPhase() == Phase.Stopped);
        assertThat(stopped.getPodName()).isNull();
        assertThat(stopped.getMessage()).contains("stopped");
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("beta-workspace").get().getMetadata().getUid()).isEqualTo(pvcUid);

        ws("beta").edit(w -> {
            w.getSpec().setStarted(true);
            return w;
        });
        awaitPod("beta", p -> true);
        assertThat(lease("beta").get()).as("a new run, a new Lease").isNotNull();
        DevWorkspaceStatus again = awaitStatus("beta", s -> s.getPhase() == Phase.Starting);
        assertThat(again.getSsh().getHostPublicKey()).isEqualTo(hostKey);
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("beta-workspace").get().getMetadata().getUid()).isEqualTo(pvcUid);
    }

    List<io.fabric8.kubernetes.api.model.Event> events(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && "DevWorkspace".equals(e.getInvolvedObject().getKind()))
                .sorted(java.util.Comparator.comparing(e -> e.getMetadata().getName())).toList();
    }

    List<String> reasons(String name) {
        return events(name).stream().map(io.fabric8.kubernetes.api.model.Event::getReason).toList();
    }

    @Test
    void eachLifecycleTransitionIsOneEvent_anUnchangedReconcileNone() {
        String uid = client.resource(workspace("evt-cycle")).create().getMetadata().getUid();
        awaitPod("evt-cycle", p -> true);
        await().atMost(WAIT).until(() -> client.persistentVolumeClaims().inNamespace(NS).withName("evt-cycle-workspace").get() != null);
        bindPvc("evt-cycle");
        setPodStatus("evt-cycle", PodStatuses.ready(Instant.now()));
        awaitStatus("evt-cycle", s -> s.getPhase() == Phase.Running);
        await().atMost(WAIT).until(() -> reasons("evt-cycle").contains("SshReady"));
        assertThat(reasons("evt-cycle")).containsExactly("Created", "Started", "SshReady");
        assertThat(events("evt-cycle")).allSatisfy(e -> {
            assertThat(e.getInvolvedObject().getUid()).isEqualTo(uid);
            assertThat(e.getInvolvedObject().getApiVersion()).isEqualTo(DevWorkspace.API_VERSION);
            assertThat(e.getType()).isEqualTo("Normal");
            assertThat(e.getSource().getComponent()).isEqualTo("devws-operator");
        });
        assertThat(events("evt-cycle").get(2).getMessage()).contains("ssh evt-cycle." + NS + ".devws");

        // reconciles that change nothing (a touched pod) tell nothing
        pod("evt-cycle").edit(p -> {
            p.getMetadata().getAnnotations().put("example.com/touch", "1");
            return p;
        });
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(reasons("evt-cycle")).hasSize(3);

        setPodStatus("evt-cycle", PodStatuses.sidecarCrashed());
        await().atMost(WAIT).until(() -> reasons("evt-cycle").contains("SidecarCrashed"));
        assertThat(events("evt-cycle").get(3).getType()).isEqualTo("Warning");
        assertThat(events("evt-cycle").get(3).getMessage()).contains("exited with code 137 (OOMKilled)");

        ws("evt-cycle").edit(w -> {
            w.getSpec().setStarted(false);
            return w;
        });
        awaitStatus("evt-cycle", s -> s.getPhase() == Phase.Stopped);
        await().atMost(WAIT).until(() -> reasons("evt-cycle").contains("Stopped"));
        ws("evt-cycle").edit(w -> {
            w.getSpec().setStarted(true);
            return w;
        });
        awaitPod("evt-cycle", p -> true);
        await().atMost(WAIT).until(() -> reasons("evt-cycle").size() == 6);
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(reasons("evt-cycle")).containsExactly("Created", "Started", "SshReady", "SidecarCrashed", "Stopped", "Started");
    }

    @Test
    void aPodGoneWhileRunningIsPodRecreated_aBadImageImagePullFailed() {
        client.resource(workspace("evt-recreate")).create();
        String first = awaitPod("evt-recreate", p -> true).getMetadata().getUid();
        await().atMost(WAIT).until(() -> client.persistentVolumeClaims().inNamespace(NS).withName("evt-recreate-workspace").get() != null);
        bindPvc("evt-recreate");
        setPodStatus("evt-recreate", PodStatuses.ready(Instant.now()));
        awaitStatus("evt-recreate", s -> s.getPhase() == Phase.Running);
        pod("evt-recreate").delete();
        awaitPod("evt-recreate", p -> !p.getMetadata().getUid().equals(first));
        await().atMost(WAIT).until(() -> reasons("evt-recreate").contains("PodRecreated"));
        setPodStatus("evt-recreate", PodStatuses.imagePullBackOff());
        await().atMost(WAIT).until(() -> reasons("evt-recreate").contains("ImagePullFailed"));
        var pull = events("evt-recreate").stream().filter(e -> e.getReason().equals("ImagePullFailed")).findFirst().orElseThrow();
        assertThat(pull.getType()).isEqualTo("Warning");
        assertThat(pull.getMessage()).contains("Back-off pulling image");
        assertThat(reasons("evt-recreate")).filteredOn("PodRecreated"::equals).hasSize(1);
    }

    @Test
    void specChangeRecreatesThePod_metadataChangeDoesNot() {
        client.resource(workspace("gamma")).create();
        String first = awaitPod("gamma", p -> true).getMetadata().getUid();
        String hostKey = awaitStatus("gamma", s -> s.getSsh() != null).getSsh().getHostPublicKey();

        ws("gamma").edit(w -> {
            w.getMetadata().setLabels(java.util.Map.of("team", "a"));
            return w;
        });
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(pod("gamma").get().getMetadata().getUid()).isEqualTo(first);

        ws("gamma").edit(w -> {
            w.getSpec().getContainer().setImage("devws.local/dev:trixie");
            return w;
        });
        Pod second = awaitPod("gamma", p -> !p.getMetadata().getUid().equals(first));
        assertThat(second.getSpec().getContainers().get(0).getImage()).isEqualTo("devws.local/dev:trixie");
        DevWorkspaceStatus status = awaitStatus("gamma", s -> s.getObservedGeneration() != null
                && s.getObservedGeneration().equals(ws("gamma").get().getMetadata().getGeneration()));
        assertThat(status.getSsh().getHostPublicKey()).as("never rotated").isEqualTo(hostKey);
    }

    @Test
    void aPodDeletedBySomeoneElseComesBack() {
        client.resource(workspace("delta")).create();
        String first = awaitPod("delta", p -> true).getMetadata().getUid();
        pod("delta").delete();
        Pod again = awaitPod("delta", p -> !p.getMetadata().getUid().equals(first));
        assertThat(again.getMetadata().getOwnerReferences()).hasSize(1);
    }

    @Test
    void imagePullBackOffIsReportedThenFailsAfterTheProgressTimeout() {
        client.resource(workspace("epsilon")).create();
        awaitPod("epsilon", p -> true);
        await().atMost(WAIT).until(() -> client.persistentVolumeClaims().inNamespace(NS).withName("epsilon-workspace").get() != null);
        bindPvc("epsilon");
        setPodStatus("epsilon", PodStatuses.imagePullBackOff());
        DevWorkspaceStatus s = awaitStatus("epsilon", st -> st.condition(ConditionType.PodReady)
                .map(c -> "ImagePullBackOff".equals(c.getReason())).orElse(false));
        assertThat(s.condition(ConditionType.PodReady).orElseThrow().getMessage()).contains("Back-off pulling image");
        assertThat(s.condition(ConditionType.Ready).orElseThrow().getReason()).isEqualTo("ImagePullBackOff");
        // the test profile's progress timeout is 3s; nothing else changes, so only the scheduled recheck can do this
        DevWorkspaceStatus failed = awaitStatus("epsilon", st -> st.getPhase() == Phase.Failed);
        assertThat(failed.getMessage()).contains("failed to start within").contains("Back-off pulling image");
    }

    @Test
    void staleActivityPastIdleTimeoutStopsTheWorkspace() {
        DevWorkspace w = workspace("zeta");
        w.getSpec().setIdleTimeout("1m");
        client.resource(w).create();
        awaitPod("zeta", p -> true);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        // the sidecar's report first, then the pod turns ready (it became ready long ago); a fresh
        // last-activity annotation on the pod, the channel of old, holds nothing off
        renew("zeta", longAgo.plusSeconds(60));
        pod("zeta").edit(p -> {
            p.getMetadata().getAnnotations().put(FORMER_POD_ANNOTATION, Instant.now().toString());
            return p;
        });
        setPodStatus("zeta", PodStatuses.ready(longAgo));
        await().atMost(WAIT).until(() -> !ws("zeta").get().getSpec().started());
        assertThat(ws("zeta").get().getMetadata().getAnnotations()).containsEntry(SidecarContract.ANNOTATION_STOPPED_BY, "idle");
        await().atMost(WAIT).until(() -> pod("zeta").get() == null);
        DevWorkspaceStatus s = awaitStatus("zeta", st -> st.getPhase() == Phase.Stopped);
        assertThat(s.getMessage()).contains("without SSH activity");
        assertThat(s.getLastActivityTime()).isEqualTo(io.devws.operator.status.Times.format(longAgo.plusSeconds(60)));
    }

    @Test
    void recentActivityKeepsItRunning() {
        DevWorkspace w = workspace("eta");
        w.getSpec().setIdleTimeout("1m");
        client.resource(w).create();
        awaitPod("eta", p -> true);
        // activity first: a pod ready for 5 minutes without any would rightly count as idle
        renew("eta", Instant.now());
        setPodStatus("eta", PodStatuses.ready(Instant.now().minus(Duration.ofMinutes(5))));
        awaitStatus("eta", st -> st.getLastActivityTime() != null);
        // the session path, reported on the Lease as well, reaches the status
        lease("eta").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\""
                + SidecarContract.ANNOTATION_SESSION_PATH + "\":\"host\",\"" + SidecarContract.ANNOTATION_SESSION_PATH_REASON
                + "\":\"the session host answers\"}}}");
        awaitStatus("eta", st -> st.getSsh() != null && "host".equals(st.getSsh().getSessionPath()));
        // whoever holds the sidecar's token strips the Lease's owner: the operator puts it back and
        // keeps the sidecar's fields
        lease("eta").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"ownerReferences\":null}}");
        await().atMost(WAIT).until(() -> lease("eta").get().getMetadata().getOwnerReferences() != null
                && lease("eta").get().getMetadata().getOwnerReferences().size() == 1);
        Lease restored = lease("eta").get();
        assertThat(restored.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(ws("eta").get().getMetadata().getUid());
        assertThat(restored.getSpec().getRenewTime()).isNotNull();
        assertThat(restored.getMetadata().getAnnotations()).containsEntry(SidecarContract.ANNOTATION_SESSION_PATH, "host");
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(ws("eta").get().getSpec().started()).isTrue();
        assertThat(pod("eta").get()).isNotNull();
    }

    @Test
    void aNameTooLongForDerivedNamesFailsWithAClearConditionAndCreatesNothing() {
        String name = "w".repeat(64);
        client.resource(workspace(name)).create();
        DevWorkspaceStatus s = awaitStatus(name, st -> st.getPhase() == Phase.Failed);
        assertThat(s.getMessage()).contains("at most 63");
        assertThat(s.condition(ConditionType.Ready).orElseThrow().getReason()).isEqualTo("InvalidName");
        assertThat(pod(name).get()).isNull();
        assertThat(client.secrets().inNamespace(NS).withName(WorkspaceNames.of(name).hostKeySecret()).get()).isNull();
    }

    @Test
    void ephemeralStorageNeedsNoPvc() {
        DevWorkspace w = workspace("theta");
        StorageSpec storage = new StorageSpec();
        storage.setEphemeral(true);
        w.getSpec().setStorage(storage);
        client.resource(w).create();
        Pod pod = awaitPod("theta", p -> true);
        assertThat(pod.getSpec().getVolumes().get(0).getEmptyDir()).isNotNull();
        DevWorkspaceStatus s = awaitStatus("theta", st -> st.getPodName() != null);
        assertThat(s.condition(ConditionType.StorageReady).orElseThrow().getReason()).isEqualTo("Ephemeral");
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("theta-workspace").get()).isNull();
    }

    @Test
    void aForeignObjectWithADerivedNameIsAPermanentClearFailure() {
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("iota-ssh-hostkey")
                .withNamespace(NS).endMetadata().addToStringData("owner", "someone else").build()).create();
        client.resource(workspace("iota")).create();
        DevWorkspaceStatus s = awaitStatus("iota", st -> st.getPhase() == Phase.Failed);
        assertThat(s.condition(ConditionType.Ready).orElseThrow().getReason()).isEqualTo("NameTaken");
        assertThat(s.getMessage()).contains("iota-ssh-hostkey").contains("delete or rename it");
        assertThat(pod("iota").get()).as("the pod waits for its host key").isNull();
        Secret foreign = client.secrets().inNamespace(NS).withName("iota-ssh-hostkey").get();
        assertThat(foreign.getMetadata().getOwnerReferences()).as("left alone").isNullOrEmpty();
        assertThat(foreign.getStringData()).doesNotContainKey(SidecarContract.HOST_KEY_SECRET_PRIVATE);
    }

    @Test
    void aHostileMountPathIsRefusedWithAConditionAndAnEvent_andNoPod() {
        // the mock API server does not apply the CRD schema (a real one refuses this already: CrdSchemaIT),
        // so this is the operator's own check, as with a CRD left over from an older release
        DevWorkspace w = workspace("escape-mount");
        StorageSpec storage = new StorageSpec();
        storage.setMountPath("/opt/devws-sidecar");
        w.getSpec().setStorage(storage);
        client.resource(w).create();
        DevWorkspaceStatus s = awaitStatus("escape-mount", st -> st.getPhase() == Phase.Failed);
        assertThat(s.condition(ConditionType.Ready).orElseThrow().getReason()).isEqualTo("InvalidSpec");
        assertThat(s.getMessage()).contains("spec.storage.mountPath '/opt/devws-sidecar'").contains("no pod is created");
        await().atMost(WAIT).until(() -> reasons("escape-mount").contains("InvalidSpec"));
        assertThat(events("escape-mount")).filteredOn(e -> "InvalidSpec".equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"))
                .satisfies(e -> assertThat(e.getMessage()).contains("/opt/devws-sidecar"));
        await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(pod("escape-mount").get()).isNull();
    }

    @Test
    void envFromASecretNeedsItsOwnersOptIn_devwsAnnotationsNeverReachThePod() {
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("team-token")
                .withNamespace(NS).endMetadata().addToStringData("token", "s3cret").build()).create();
        DevWorkspace w = workspace("escape-env");
        w.getSpec().getContainer().setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("TOKEN")
                .withNewValueFrom().withNewSecretKeyRef().withName("team-token").withKey("token").endSecretKeyRef().endValueFrom().build()));
        io.devws.model.PodSpec podSpec = new io.devws.model.PodSpec();
        podSpec.setAnnotations(java.util.Map.of(FORMER_POD_ANNOTATION, "2999-01-01T00:00:00Z", "team.example.com/owner", "alice"));
        w.getSpec().setPod(podSpec);
        w.getSpec().setIdleTimeout("1m");
        client.resource(w).create();
        DevWorkspaceStatus s = awaitStatus("escape-env", st -> st.getPhase() == Phase.Failed);
        assertThat(s.getMessage()).contains("Secret team-token is not open to workspaces").contains("devws.io/workspace-env=true");
        assertThat(pod("escape-env").get()).isNull();

        // the Secret's owner opts in: a refused spec is looked at again within 15 s, then the pod comes
        client.secrets().inNamespace(NS).withName("team-token").edit(sec -> {
            sec.getMetadata().setLabels(java.util.Map.of(io.devws.model.ContainerSpec.SECRET_OPT_IN_LABEL, "true"));
            return sec;
        });
        Pod pod = awaitPod("escape-env", p -> true);
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("team.example.com/owner", "alice")
                .doesNotContainKey(FORMER_POD_ANNOTATION);
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("TOKEN"));
    }

    static final List<Class<? extends HasMetadata>> OWNED = List.of(Pod.class, PersistentVolumeClaim.class, Secret.class,
            ServiceAccount.class, Role.class, RoleBinding.class, Lease.class);
    /** Where the sidecar used to report activity; no longer read (the Lease's renewTime is). */
    static final String FORMER_POD_ANNOTATION = "devws.io/last-activity";
    static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX");
}
