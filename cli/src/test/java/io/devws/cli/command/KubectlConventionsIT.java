package io.devws.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.devws.model.DevWorkspace;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import io.devws.model.SshStatus;
import io.devws.testing.Kubeconfigs;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubectl conventions of issue 14, with the real kubectl as the reference: the same mock API server
 * (Fabric8's, CRUD mode, the CRD from deploy/crds installed) answers {@code kubectl get devworkspaces} and
 * {@code devws list}; global flags before or after the subcommand; {@code -o name|wide|json|yaml|jsonpath}.
 */
@EnableKubernetesMockClient(crud = true)
class KubectlConventionsIT {
    static final String HOST_KEY = LifecycleCommandsIT.HOST_KEY;
    static KubernetesClient client;
    static KubernetesMockServer server;
    @TempDir
    Path home;
    String kubeconfig;

    /** Legacy discovery for kubectl (the mock server's CRUD mode does not serve it): core v1 and the DevWorkspace API. */
    static void discovery(KubernetesMockServer server) {
        discovery(server, "");
        discovery(server, "?timeout=32s"); // kubectl's discovery requests carry its timeout
    }

    private static void discovery(KubernetesMockServer server, String query) {
        server.expect().get().withPath("/api" + query).andReturn(200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],"
                + "\"serverAddressByClientCIDRs\":[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1\"}]}").always();
        server.expect().get().withPath("/api/v1" + query).andReturn(200, "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[]}").always();
        server.expect().get().withPath("/apis" + query).andReturn(200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"devws.io\","
                + "\"versions\":[{\"groupVersion\":\"devws.io/v1alpha1\",\"version\":\"v1alpha1\"}],"
                + "\"preferredVersion\":{\"groupVersion\":\"devws.io/v1alpha1\",\"version\":\"v1alpha1\"}}]}").always();
        server.expect().get().withPath("/apis/devws.io" + query).andReturn(200, "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"devws.io\","
                + "\"versions\":[{\"groupVersion\":\"devws.io/v1alpha1\",\"version\":\"v1alpha1\"}],"
                + "\"preferredVersion\":{\"groupVersion\":\"devws.io/v1alpha1\",\"version\":\"v1alpha1\"}}").always();
        server.expect().get().withPath("/apis/devws.io/v1alpha1" + query).andReturn(200, "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\","
                + "\"groupVersion\":\"devws.io/v1alpha1\",\"resources\":[{\"name\":\"devworkspaces\",\"singularName\":\"devworkspace\","
                + "\"namespaced\":true,\"kind\":\"DevWorkspace\",\"verbs\":[\"delete\",\"get\",\"list\",\"patch\",\"create\",\"update\",\"watch\"]},"
                + "{\"name\":\"devworkspaces/status\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"DevWorkspace\",\"verbs\":[\"get\",\"patch\",\"update\"]}]}").always();
    }

    @BeforeAll
    static void crd() throws Exception {
        discovery(server);
        try (var in = java.nio.file.Files.newInputStream(Path.of("../deploy/crds/devworkspaces.devws.io.yaml"))) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(r -> r.update());
        }
    }

    @BeforeEach
    void workspaces() {
        kubeconfig = Kubeconfigs.write(home.resolve("kubeconfig"), client.getConfiguration().getMasterUrl(), "team").toString();
        client.resources(DevWorkspace.class).inAnyNamespace().delete();
        create("team", "b", "img:1", null);
        create("team", "a", "img:2", Phase.Running);
        create("other", "c", "img:3", null);
    }

    private void create(String namespace, String name, String image, Phase phase) {
        CliRun up = CliRun.run(home, "up", name, "--image", image, "--storage", "20Gi", "--idle-timeout", "1m30s", "--no-wait",
                "--kubeconfig", kubeconfig, "-n", namespace);
        assertThat(up.exitCode()).as(up.err()).isZero();
        if (phase != null) {
            DevWorkspace ws = client.resources(DevWorkspace.class).inNamespace(namespace).withName(name).get();
            DevWorkspaceStatus status = new DevWorkspaceStatus();
            status.setPhase(phase);
            status.setPodName(name + "-pod");
            SshStatus ssh = new SshStatus();
            ssh.setHostPublicKey(HOST_KEY);
            status.setSsh(ssh);
            ws.setStatus(status);
            client.resources(DevWorkspace.class).inNamespace(namespace).resource(ws).updateStatus();
        }
    }

    @Test
    void globalFlagsWorkBeforeAndAfterTheSubcommand() {
        CliRun after = CliRun.run(home, "list", "--kubeconfig", kubeconfig, "-n", "other");
        CliRun before = CliRun.run(home, "--kubeconfig", kubeconfig, "-n", "other", "list");
        CliRun mixed = CliRun.run(home, "--kubeconfig", kubeconfig, "list", "--namespace", "other");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("c ").doesNotContain("a ");
        assertThat(ageless(before.out())).isEqualTo(ageless(after.out()));
        assertThat(ageless(mixed.out())).isEqualTo(ageless(after.out()));
        // as kubectl: the flag after the subcommand wins
        assertThat(CliRun.run(home, "--kubeconfig", kubeconfig, "-n", "other", "list", "-n", "team").out()).contains("a ", "b ");
        CliRun verbose = CliRun.run(home, "-v", "--kubeconfig", kubeconfig, "status", "zz");
        assertThat(verbose.exitCode()).isEqualTo(1);
    }

    @Test
    void listYamlAndJsonAreWhatKubectlPrints() throws Exception {
        for (String format : List.of("yaml", "json")) {
            String kubectl = kubectl("get", "devworkspaces", "-o", format);
            CliRun devws = devws("list", "-o", format);
            assertThat(devws.exitCode()).as(devws.err()).isZero();
            assertThat(tree(devws.out(), format)).as(format).isEqualTo(tree(kubectl, format));
            assertThat(tree(devws.out(), format).path("kind").asText()).isEqualTo("List");
            assertThat(tree(devws.out(), format).path("items")).hasSize(2);
        }
        assertThat(devws("list", "-o", "json").out()).as("kubectl's JSON layout").isEqualTo(kubectl("get", "devworkspaces", "-o", "json"));
    }

    @Test
    void statusOfOneIsTheObjectItself() throws Exception {
        for (String format : List.of("yaml", "json")) {
            CliRun devws = devws("status", "a", "-o", format);
            assertThat(devws.exitCode()).as(devws.err()).isZero();
            JsonNode object = tree(devws.out(), format);
            assertThat(object).isEqualTo(tree(kubectl("get", "devworkspace", "a", "-o", format), format));
            assertThat(object.path("kind").asText()).isEqualTo("DevWorkspace");
            assertThat(object.at("/spec/idleTimeout").asText()).isEqualTo("1m30s");
            assertThat(object.at("/status/ssh/hostPublicKey").asText()).isEqualTo(HOST_KEY);
        }
    }

    @Test
    void namesJsonpathWideNoHeadersAndAllNamespaces() throws Exception {
        assertThat(devws("list", "-o", "name").out()).isEqualTo(kubectl("get", "devworkspaces", "-o", "name"));
        String path = "jsonpath={.items[*].metadata.name}";
        assertThat(devws("list", "-o", path).out()).isEqualTo(kubectl("get", "devworkspaces", "-o", path)).matches("[ab] [ab]");
        String one = "jsonpath={.spec.container.image}{\"\\n\"}";
        assertThat(devws("status", "a", "-o", one).out()).isEqualTo(kubectl("get", "devworkspace", "a", "-o", one)).isEqualTo("img:2\n");

        List<String> wide = devws("list", "-o", "wide").out().lines().toList();
        assertThat(wide.get(0)).matches("NAME +PHASE +IMAGE +POD +AGE +HOST KEY +LAST ACTIVITY +MESSAGE");
        assertThat(wide).anyMatch(l -> l.matches("a +Running +img:2 +a-pod +\\d+s +SHA256:\\S+ +- +-"));
        List<String> bare = devws("list", "--no-headers").out().lines().toList();
        assertThat(bare).hasSize(2).anyMatch(l -> l.matches("a +Running +img:2 +a-pod +\\d+s"))
                .anyMatch(l -> l.matches("b +Pending +img:1 +- +\\d+s"));
        List<String> all = devws("list", "-A").out().lines().toList();
        assertThat(all).hasSize(4);
        assertThat(all.get(0)).matches("NAMESPACE +NAME +PHASE +IMAGE +POD +AGE");
        assertThat(all).anyMatch(l -> l.matches("other +c +Pending +img:3 .*")).anyMatch(l -> l.matches("team +b +Pending +img:1 .*"));
        assertThat(devws("status", "c", "-A").out()).contains("Name:          c (namespace other)");
    }

    @Test
    void wrongValuesAreUsageErrorsOfOneLine() {
        CliRun output = devws("list", "-o", "wide2");
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).isEqualTo("devws: Invalid value for option '--output': unknown output format 'wide2': use wide, name, json,"
                + " yaml or jsonpath=TEMPLATE\nSee 'devws list --help' for usage.\n");
        CliRun idle = CliRun.run(home, "up", "--local", "x", "--idle-timeout", "5x");
        assertThat(idle.exitCode()).isEqualTo(2);
        assertThat(idle.err()).startsWith("devws: Invalid value for option '--idle-timeout': invalid duration '5x': use a number with ms, s, m or h");
        CliRun storage = CliRun.run(home, "up", "--local", "x", "--storage", "lots");
        assertThat(storage.exitCode()).isEqualTo(2);
        assertThat(storage.err()).startsWith("devws: Invalid value for option '--storage': invalid size 'lots': use a Kubernetes quantity");
        CliRun timeout = devws("up", "d", "--image", "img", "--timeout", "10s", "--no-wait");
        assertThat(timeout.exitCode()).as(timeout.err()).isZero();
        CliRun unknown = CliRun.run(home, "list", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(2);
    }

    static String ageless(String table) {
        return table.replaceAll(" \\d+s\n", " AGE\n");
    }

    CliRun devws(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig));
        return CliRun.run(home, all.toArray(String[]::new));
    }

    /** The real kubectl against the same API server. */
    String kubectl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", home.toString()); // kubectl's discovery cache stays in the test's home
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
        return out;
    }

    static JsonNode tree(String text, String format) throws Exception {
        return (format.equals("json") ? new ObjectMapper() : new YAMLMapper()).readTree(text);
    }
}
