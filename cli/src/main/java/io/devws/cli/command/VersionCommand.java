package io.devws.cli.command;

import io.devws.cli.workspace.KubeOptions;
import io.devws.cli.error.DevwsException;
import io.devws.cli.output.Documents;
import io.devws.cli.workspace.ClusterVersions;
import io.devws.cli.workspace.KubeConnection;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "version",
        description = "Show the client's version and build, and the Kubernetes, DevWorkspace API (CRD) and operator versions found in the cluster.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  devws version                           # client, cluster, CRD and operator",
            "  devws version --client                  # the client only, no cluster needed",
            "  devws version -o json"})
public final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Option(names = "--client", description = "Only the client's version; do not contact the cluster.")
    boolean clientOnly;
    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml", description = "Print a document instead of text: json or yaml.")
    Format format;

    enum Format { json, yaml }

    @Override
    public Integer call() {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("version", VersionProvider.version());
        client.put("built", VersionProvider.built());
        client.put("java", Runtime.version().toString());
        ClusterVersions cluster = null;
        DevwsException failure = null;
        if (!clientOnly) {
            try (KubeConnection connection = KubeConnection.open(kube.resolved())) {
                cluster = ClusterVersions.of(connection);
            } catch (DevwsException e) {
                failure = e; // as kubectl: the client's part still prints
            }
        }
        print(client, cluster);
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    private void print(Map<String, Object> client, ClusterVersions cluster) {
        PrintWriter out = spec.commandLine().getOut();
        if (format != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("client", client);
            if (cluster != null) {
                doc.put("cluster", Documents.toMap(cluster));
            }
            out.print(format == Format.json ? Documents.json(doc) : Documents.yaml(doc));
            out.flush();
            return;
        }
        out.printf("Client:      devws %s (built %s, Java %s)%n", client.get("version"), client.get("built"), client.get("java"));
        if (cluster != null) {
            out.printf("Kubernetes:  %s at %s%n", cluster.kubernetes(), cluster.server());
            out.printf("CRD:         %s%n", cluster.crdVersions().isEmpty()
                    ? "not installed (no DevWorkspace API): helm install devws-operator charts/devws-operator -n devws-system --create-namespace"
                    : "devworkspaces, served as " + String.join(", ", cluster.crdVersions()));
            out.printf("Operator:    %s%n", operators(cluster));
        }
        out.flush();
    }

    private static String operators(ClusterVersions cluster) {
        if (cluster.operators() == null) {
            return "unknown: " + cluster.operatorsError();
        }
        if (cluster.operators().isEmpty()) {
            return "none found (no Deployment labelled app.kubernetes.io/name=devws-operator)";
        }
        return String.join("; ", cluster.operators().stream().map(o -> (o.version() == null ? "unlabelled version" : o.version())
                + " in " + o.namespace() + "/" + o.name() + " (image " + o.image() + ", " + o.ready() + "/" + o.replicas() + " ready)").toList());
    }
}
