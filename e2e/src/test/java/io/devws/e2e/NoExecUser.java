package io.devws.e2e;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** A kubeconfig whose user may read DevWorkspaces and pods in one namespace but not create pods/exec. */
public final class NoExecUser {
    private NoExecUser() {
    }

    public static Path kubeconfig(Cluster cluster, String ns, Path userKubeconfig, Path dir) throws Exception {
        String manifest = String.join("\n",
                "apiVersion: v1", "kind: ServiceAccount", "metadata: {name: e2e-noexec, namespace: " + ns + "}", "---",
                "apiVersion: rbac.authorization.k8s.io/v1", "kind: Role", "metadata: {name: e2e-noexec, namespace: " + ns + "}",
                "rules:",
                "- {apiGroups: [devws.io], resources: [devworkspaces], verbs: [get, list, watch]}",
                "- {apiGroups: [''], resources: [pods], verbs: [get, list, watch]}", "---",
                "apiVersion: rbac.authorization.k8s.io/v1", "kind: RoleBinding", "metadata: {name: e2e-noexec, namespace: " + ns + "}",
                "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: e2e-noexec}",
                "subjects: [{kind: ServiceAccount, name: e2e-noexec, namespace: " + ns + "}]", "");
        Path f = Files.writeString(dir.resolve("noexec-rbac.yaml"), manifest);
        cluster.kubectl("apply", "-f", f.toString()).ok();
        // Kubernetes 1.20: the token controller puts a token Secret on the ServiceAccount
        String token = Waits.until("the ServiceAccount token", Duration.ofSeconds(60), () -> {
            var sa = cluster.client().serviceAccounts().inNamespace(ns).withName("e2e-noexec").get();
            String secretName = sa.getSecrets().get(0).getName();
            Secret s = cluster.client().secrets().inNamespace(ns).withName(secretName).get();
            return new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8);
        }, t -> !t.isBlank());
        Path kc = dir.resolve("noexec-kubeconfig");
        Files.copy(userKubeconfig, kc);
        String clusterName = Proc.of("kubectl", "--kubeconfig", kc.toString(), "config", "view", "--minify",
                "-o", "jsonpath={.clusters[0].name}").run().ok().out().strip();
        Proc.of("kubectl", "--kubeconfig", kc.toString(), "config", "set-credentials", "e2e-noexec", "--token=" + token).run().ok();
        Proc.of("kubectl", "--kubeconfig", kc.toString(), "config", "set-context", "e2e-noexec", "--cluster=" + clusterName,
                "--user=e2e-noexec", "--namespace=" + ns).run().ok();
        Proc.of("kubectl", "--kubeconfig", kc.toString(), "config", "use-context", "e2e-noexec").run().ok();
        return kc;
    }
}
