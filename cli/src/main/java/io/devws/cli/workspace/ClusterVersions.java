package io.devws.cli.workspace;

import io.devws.cli.error.DevwsException;
import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code devws version} finds in a cluster: the API server's version, the DevWorkspace API versions it
 * serves (discovery, which every authenticated user may read) and the operator Deployments (by the chart's
 * {@code app.kubernetes.io/name} label: their version label, image and readiness).
 *
 * @param crdVersions    the served versions of the DevWorkspace API, empty when the CRD is missing
 * @param operators      the operator Deployments found, or null when they could not be listed
 * @param operatorsError why they could not be listed, else null
 */
public record ClusterVersions(String server, String kubernetes, List<String> crdVersions, List<Operator> operators,
                              String operatorsError) {
    static final String OPERATOR_LABEL = "app.kubernetes.io/name";
    static final String OPERATOR_NAME = "devws-operator";
    static final String VERSION_LABEL = "app.kubernetes.io/version";

    /** One operator Deployment. */
    public record Operator(String namespace, String name, String version, String image, int ready, int replicas) {
    }

    public static ClusterVersions of(KubeConnection connection) {
        KubernetesClient client = connection.client();
        String server = client.getConfiguration().getMasterUrl();
        KubeWorkspaces api = connection.workspaces();
        String kubernetes = api.call("get", "/version", () -> {
            var version = client.getKubernetesVersion();
            return version.getGitVersion() != null ? version.getGitVersion() : "v" + version.getMajor() + "." + version.getMinor();
        });
        APIGroup group = api.call("get", "/apis/" + DevWorkspace.GROUP, () -> client.getApiGroup(DevWorkspace.GROUP));
        List<String> crd = group == null || group.getVersions() == null ? List.of()
                : group.getVersions().stream().map(GroupVersionForDiscovery::getGroupVersion).toList();
        try {
            List<Operator> operators = api.call("list", "deployments.apps", () -> client.apps().deployments().inAnyNamespace()
                    .withLabel(OPERATOR_LABEL, OPERATOR_NAME).list().getItems()).stream().map(ClusterVersions::operator).toList();
            return new ClusterVersions(server, kubernetes, crd, operators, null);
        } catch (DevwsException e) {
            return new ClusterVersions(server, kubernetes, crd, null, e.getMessage());
        }
    }

    private static Operator operator(Deployment d) {
        Map<String, String> labels = Objects.requireNonNullElse(d.getMetadata().getLabels(), Map.of());
        var containers = d.getSpec().getTemplate().getSpec().getContainers();
        String image = containers.stream().filter(c -> c.getImage() != null && c.getImage().contains(OPERATOR_NAME))
                .map(c -> c.getImage()).findFirst().orElse(containers.isEmpty() ? null : containers.get(0).getImage());
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return new Operator(d.getMetadata().getNamespace(), d.getMetadata().getName(), labels.get(VERSION_LABEL), image, ready, replicas);
    }

}
