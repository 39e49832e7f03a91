package io.devws.cli.completion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.local.LocalLayout;
import io.devws.cli.local.LocalWorkspaces;
import io.devws.cli.workspace.KubeConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Names from the cluster, the local store and the kubeconfig; any failure completes nothing (a shell shows no error). */
public final class LiveCandidates implements Candidates {
    @Override
    public List<String> workspaces(KubeOptions kube, boolean local) {
        if (local) {
            return quietly(() -> LocalWorkspaces.forUser().list().stream().map(LocalLayout::name).toList());
        }
        return quietly(() -> {
            try (KubeConnection c = KubeConnection.open(kube)) {
                return c.workspaces().list().stream().map(w -> w.getMetadata().getName()).toList();
            }
        });
    }

    @Override
    public List<String> namespaces(KubeOptions kube) {
        return quietly(() -> {
            try (KubeConnection c = KubeConnection.open(kube)) {
                return c.client().namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
            }
        });
    }

    @Override
    public List<String> contexts(KubeOptions kube) {
        return quietly(() -> {
            Path file = KubeConnection.kubeconfigFile(kube);
            JsonNode config = new YAMLMapper().readTree(Files.readString(file));
            List<String> names = new ArrayList<>();
            config.path("contexts").forEach(c -> names.add(c.path("name").asText()));
            return names;
        });
    }

    private interface Source {
        List<String> get() throws Exception;
    }

    private static List<String> quietly(Source source) {
        try {
            return source.get();
        } catch (Exception e) {
            return List.of();
        }
    }

}
