package io.devws.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.devws.install.render.Chart;
import io.devws.install.render.Manifests;
import io.devws.install.render.UnknownFields;
import io.devws.install.render.ValuesFile;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** helm lint --strict and helm template of charts/devws-operator with real Helm (helm-java). */
class ChartRenderTest {
    private static final Chart CHART = new Chart(RepoPaths.chart());
    private static final Path VALUES_ALL = Path.of("src/test/resources/values-all.yaml");

    @Test
    void lintStrictPasses() {
        LintResult result = CHART.lintStrict();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void defaultsRenderAHardenedOperatorWithProbesAndBothImages() {
        Manifests m = CHART.render("devws", "devws-system", null, Map.of());

        assertThat(m.kinds()).containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding", "Role", "RoleBinding",
                "Service", "Deployment", "PodDisruptionBudget");
        assertTypedWithoutUnknownFields(m);
        assertThat(m.one(ServiceAccount.class).getMetadata().getNamespace()).isEqualTo("devws-system");

        Deployment d = m.one(Deployment.class);
        assertThat(d.getMetadata().getName()).isEqualTo("devws-devws-operator");
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("devws-devws-operator");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/devws/devws-operator:0.1.0");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold()).isGreaterThanOrEqualTo(120);
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        assertThat(env(c)).containsEntry("DEVWS_OPERATOR_SIDECAR_IMAGE", "ghcr.io/devws/devws-sidecar:0.1.0")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_IMAGE_PULL_POLICY", "IfNotPresent")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_RESOURCES_MEMORY_REQUEST", "160Mi")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_RESOURCES_MEMORY_LIMIT", "768Mi")
                .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "devws-system");
        assertThat(c.getVolumeMounts()).anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo("/tmp"));

        // namespace-scoped by default: the operator's rights in the release namespace only, nothing cluster-wide
        assertThat(workspaceRoles(m)).singleElement().satisfies(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("devws-system"));
        assertThat(m.ofType(RoleBinding.class)).filteredOn(b -> b.getRoleRef().getName().equals("devws-devws-operator")).singleElement()
                .satisfies(b -> {
                    assertThat(b.getMetadata().getNamespace()).isEqualTo("devws-system");
                    assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
                    assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                        assertThat(s.getName()).isEqualTo("devws-devws-operator");
                        assertThat(s.getNamespace()).isEqualTo("devws-system");
                    });
                });
        Service svc = m.one(Service.class);
        assertThat(svc.getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void defaultsRunTwoReplicasThatElectALeaderWithAPdbAndSoftAntiAffinity() {
        Manifests m = CHART.render("devws", "devws-system", null, Map.of());
        Deployment d = m.one(Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(c)).containsEntry("DEVWS_OPERATOR_LEADER_ELECTION_LEASE_NAME", "devws-devws-operator");
        var selector = d.getSpec().getSelector().getMatchLabels();

        var anti = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertThat(anti.getRequiredDuringSchedulingIgnoredDuringExecution()).isNullOrEmpty();
        assertThat(anti.getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement().satisfies(t -> {
            assertThat(t.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(t.getPodAffinityTerm().getLabelSelector().getMatchLabels()).isEqualTo(selector);
        });

        // policy/v1 or v1beta1 depending on the Kubernetes version helm assumes: the same spec
        HasMetadata found = m.all().stream().filter(o -> o.getKind().equals("PodDisruptionBudget")).findFirst().orElseThrow();
        assertThat(found.getApiVersion()).isIn("policy/v1", "policy/v1beta1");
        var pdb = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(found),
                io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);

        // the Lease rights: create any, read and renew only the one named, in the release namespace only
        var role = leaderRole(m);
        assertThat(role.getMetadata().getNamespace()).isEqualTo("devws-system");
        assertThat(role.getRules()).allSatisfy(r -> {
            assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(r.getResources()).containsExactly("leases");
        });
        assertThat(role.getRules()).anySatisfy(r -> {
            assertThat(r.getResourceNames()).containsExactly("devws-devws-operator");
            // found on a real cluster: Fabric8's LeaseLock renews with a PATCH
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
        });
        var binding = m.ofType(RoleBinding.class).stream().filter(b -> b.getRoleRef().getName().equals(role.getMetadata().getName()))
                .findFirst().orElseThrow();
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("devws-devws-operator"));
    }

    @Test
    void anAffinityOfTheUsersOwnWinsAndNoneTurnsAntiAffinityOff() {
        var none = CHART.render("devws", "devws-system", null, Map.of("podAntiAffinity.mode", "none"))
                .one(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(none.getAffinity()).isNull();
        var own = CHART.render("devws", "devws-system", null,
                Map.of("affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight", 7,
                        "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey", "x"))
                .one(Deployment.class).getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertThat(own.getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement()
                .satisfies(t -> assertThat(t.getWeight()).isEqualTo(7));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyValueSetRendersAsDocumented() {
        Manifests m = CHART.render("rel", "ops", VALUES_ALL, Map.of());
        assertTypedWithoutUnknownFields(m);

        assertThat(m.ofType(RoleBinding.class)).extracting(b -> b.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b", "ops");
        assertThat(workspaceRoles(m)).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(env(m.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b");
        assertThat(m.ofType(ClusterRoleBinding.class)).as("watchNamespaces: no cluster-wide binding").isEmpty();
        assertThat(m.ofType(RoleBinding.class)).filteredOn(b -> !b.getMetadata().getNamespace().equals("ops"))
                .allSatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo("devws-ctl"));
        assertThat(leaderRole(m).getRules())
                .anySatisfy(r -> assertThat(r.getResourceNames()).containsExactly("devws-lease"));
        assertThat(m.kinds()).doesNotContain("PodDisruptionBudget");
        assertThat(m.untyped()).singleElement().satisfies(sm -> {
            assertThat(sm.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(sm.getKind()).isEqualTo("ServiceMonitor");
            assertThat(sm.getMetadata().getLabels()).containsEntry("release", "prometheus");
            var spec = (Map<String, Object>) ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) sm).getAdditionalProperties().get("spec");
            assertThat(spec.keySet()).containsExactlyInAnyOrder("selector", "namespaceSelector", "endpoints");
            assertThat(spec.get("endpoints").toString()).contains("port=http", "path=/q/metrics", "interval=15s");
        });
        assertThat(m.ofType(Service.class)).as("a ServiceMonitor needs the Service").hasSize(1);

        Deployment d = m.one(Deployment.class);
        var pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertThat(d.getSpec().getReplicas()).isZero();
        assertThat(c.getImage()).isEqualTo("registry.example.com/devws/operator:9.9.9");
        assertThat(c.getImagePullPolicy()).isEqualTo("Always");
        assertThat(env(c)).containsEntry("DEVWS_OPERATOR_SIDECAR_IMAGE", "registry.example.com/devws/sidecar:9.9.8")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_IMAGE_PULL_POLICY", "Never")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_RESOURCES_MEMORY_LIMIT", "1Gi")
                .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b")
                .containsEntry("DEVWS_OPERATOR_PROGRESS_TIMEOUT", "90s")
                .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG")
                .containsEntry("DEVWS_OPERATOR_EXTRA", "yes")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_RESOURCES_CPU_REQUEST", "75m")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_RESOURCES_MEMORY_REQUEST", "96Mi")
                .containsEntry("DEVWS_OPERATOR_SIDECAR_RESOURCES_MEMORY_LIMIT", "1Gi");
        assertThat(pod.getServiceAccountName()).isEqualTo("devws-operator-sa");
        assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("regcred");
        assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(pod.getTolerations()).hasSize(1);
        assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
        assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .singleElement().satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
        assertThat(env(c)).containsEntry("DEVWS_OPERATOR_LEADER_ELECTION_LEASE_NAME", "devws-lease");
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(20000L);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("example.com/team", "platform");
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/owner", "platform");
        assertThat(c.getLivenessProbe().getPeriodSeconds()).isEqualTo(12);
        assertThat(c.getLivenessProbe().getHttpGet()).isNull();
        assertThat(c.getLivenessProbe().getExec().getCommand()).last().asString()
                .contains("/dev/tcp/127.0.0.1/8080", "GET /q/health/live HTTP/1.0");
        assertThat(c.getReadinessProbe().getExec().getCommand()).last().asString().contains("GET /q/health/ready ");
        assertThat(c.getReadinessProbe().getFailureThreshold()).isEqualTo(23);
        assertThat(c.getStartupProbe().getFailureThreshold()).isEqualTo(31);
        assertThat(c.getStartupProbe().getExec().getCommand()).last().asString().contains("GET /q/health/live ");
        assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("1");
        assertThat(m.one(ServiceAccount.class).getMetadata().getAnnotations()).containsKey("iam.example.com/role");
    }

    @Test
    void everyValueIsCommentedAndSetByTheAllValuesFixture() {
        ValuesFile defaults = new ValuesFile(RepoPaths.chart().resolve("values.yaml"));
        List<String> all = new ValuesFile(VALUES_ALL).leafPaths();
        List<String> commented = defaults.commentedPaths();
        for (String path : defaults.leafPaths()) {
            assertThat(all).as("values-all.yaml sets %s", path)
                    .anyMatch(p -> p.equals(path) || p.startsWith(path + "."));
            assertThat(commented).as("a comment documents %s (or its parent)", path)
                    .anyMatch(p -> p.equals(path) || path.startsWith(p + "."));
        }
    }

    @Test
    void rbacOffAndExistingServiceAccountRenderNoRbacObjects() {
        Manifests m = CHART.render("devws", "devws-system", null,
                Map.of("rbac.create", false, "serviceAccount.create", false, "serviceAccount.name", "mine",
                        "metrics.service.enabled", false));
        assertThat(m.kinds()).containsExactlyInAnyOrder("Deployment", "PodDisruptionBudget");
        assertThat(m.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("mine");
    }

    @Test
    void longReleaseNamesAreCutTo63Characters() {
        String release = "a-very-long-release-name-for-the-devws-operator-xxxxx"; // Helm allows 53
        Manifests m = CHART.render(release, "devws-system", null, Map.of());
        assertThat(m.all()).allSatisfy(o -> assertThat(o.getMetadata().getName().length()).isLessThanOrEqualTo(63));
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
        "image.tag, latest",
        "sidecar.image.tag, latest",
        "replicaCount, -1",
        "podAntiAffinity.mode, always",
        "sidecar.resources.memoryLimit, lots",
        "operator.logLevel, LOUD",
        "operator.progressTimeout, soon",
        "image.pullPolicy, Sometimes",
        "operator.watchNamespaces[0], Bad_Namespace",
        "imagePullPolicy, Always",
    })
    void valuesSchemaRefusesBadValues(String key, String value) {
        Object typed = value.matches("\\d+") ? Integer.parseInt(value) : value;
        assertThatThrownBy(() -> CHART.template("devws", "devws-system", null, Map.of(key, typed)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    static void assertTypedWithoutUnknownFields(Manifests m) {
        for (HasMetadata o : m.all()) {
            if (o.getApiVersion().startsWith("monitoring.coreos.com/")) {
                continue; // no Fabric8 model for the Prometheus Operator's kinds: checked field by field
            }
            assertThat(o.getClass().getPackageName()).as("%s parsed as a typed Fabric8 model", o.getKind())
                    .startsWith("io.fabric8.kubernetes.api.model");
            assertThat(UnknownFields.of(o)).as("fields %s does not define", o.getKind()).isEmpty();
        }
    }

    @Test
    void clusterWideIsAnExplicitChoiceThatBindsTheSameRulesEverywhere() {
        Manifests m = CHART.render("devws", "devws-system", null, Map.of("rbac.clusterWide", true));
        assertThat(m.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
                "Service", "Deployment", "PodDisruptionBudget");
        assertThat(workspaceRoles(m)).isEmpty();
        assertThat(m.one(ClusterRole.class).getRules()).isEqualTo(workspaceRoles(CHART.render("devws", "devws-system", null, Map.of()))
                .get(0).getRules());
        assertThat(m.one(ClusterRoleBinding.class).getSubjects()).singleElement().satisfies(s -> assertThat(s.getNamespace()).isEqualTo("devws-system"));
        // pod create everywhere must not come with the power to enumerate every Secret (issue: least privilege)
        assertThat(m.one(ClusterRole.class).getRules()).filteredOn(r -> r.getResources().contains("secrets") || r.getResources().contains("*"))
                .allSatisfy(r -> assertThat(r.getVerbs()).doesNotContain("list", "watch", "*"))
                .isNotEmpty();
        assertThat(env(m.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "JOSDK_ALL_NAMESPACES");
        assertThatThrownBy(() -> CHART.template("devws", "devws-system", null,
                Map.of("rbac.clusterWide", true, "operator.watchNamespaces[0]", "team-a")))
                .hasMessageContaining("rbac.clusterWide watches every namespace: leave operator.watchNamespaces empty");
    }

    /** The operator's Roles for workspaces (not the leader-election one). */
    private static List<io.fabric8.kubernetes.api.model.rbac.Role> workspaceRoles(Manifests m) {
        return m.ofType(io.fabric8.kubernetes.api.model.rbac.Role.class).stream()
                .filter(r -> !r.getMetadata().getName().endsWith("-leader-election")).toList();
    }

    private static io.fabric8.kubernetes.api.model.rbac.Role leaderRole(Manifests m) {
        return m.ofType(io.fabric8.kubernetes.api.model.rbac.Role.class).stream()
                .filter(r -> r.getMetadata().getName().endsWith("-leader-election")).findFirst().orElseThrow();
    }

    @Test
    void theReadmeRbacTableIsTheOperatorsRole() throws Exception {
        var role = workspaceRoles(CHART.render("devws", "devws-system", null, Map.of())).get(0);
        Set<String> rendered = new TreeSet<>();
        role.getRules().forEach(r -> r.getResources().forEach(res -> r.getApiGroups().forEach(g ->
                rendered.add(g + " | " + res + " | " + String.join(", ", r.getVerbs())))));
        String readme = Files.readString(RepoPaths.chart().resolve("README.md"));
        String table = readme.substring(readme.indexOf("<!-- rbac-table"), readme.indexOf("<!-- /rbac-table -->"));
        Set<String> documented = new TreeSet<>();
        table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| API group")).forEach(l -> {
            String[] cells = l.split("\\|");
            String group = cells[1].strip().equals("\"\"") ? "" : cells[1].strip();
            documented.add(group + " | " + cells[2].strip() + " | " + cells[3].strip());
        });
        assertThat(documented).isEqualTo(rendered);
        assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getVerbs()).containsAnyOf("*", "escalate", "bind"));
        assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getResources()).contains("*"));
    }

    /**
     * RBAC escalation prevention: the operator may create the sidecar's per-workspace Role (RbacModel,
     * checked by the operator's RbacModelTest) only with rights it holds itself, in every watched namespace.
     */
    @Test
    void theOperatorHoldsEveryRightItGrantsTheSidecar() {
        var role = workspaceRoles(CHART.render("devws", "devws-system", null, Map.of())).get(0);
        Map<String, List<String>> granted = Map.of("|pods/exec", List.of("create", "get"),
                "coordination.k8s.io|leases", List.of("get", "update", "patch"));
        granted.forEach((groupAndResource, verbs) -> {
            String[] gr = groupAndResource.split("\\|");
            assertThat(role.getRules()).as(groupAndResource).anySatisfy(r -> {
                assertThat(r.getApiGroups()).contains(gr[0]);
                assertThat(r.getResources()).contains(gr[1]);
                assertThat(r.getResourceNames()).isNullOrEmpty();
                assertThat(r.getVerbs()).containsAll(verbs);
            });
        });
    }
}
