package io.devws.operator.model;

import io.devws.model.ContainerSpec;
import io.devws.model.DevWorkspace;
import io.devws.model.MountPaths;
import io.devws.model.PodSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a DevWorkspace may ask of its pod (docs/security.md, "A workspace cannot escape"). Whoever may
 * create a DevWorkspace gets a pod built by the operator's identity, so the spec must not reach what
 * its author could not reach with a pod of their own making: no mount over the sidecar's files, no
 * env from Secrets their owner did not open to workspaces, no lifted confinement, no devws metadata.
 * Pure: the Secret look-up is passed in.
 */
public final class WorkspacePolicy {
    /** Condition reason and Event reason of a refused spec. */
    public static final String REASON = "InvalidSpec";
    /** Pod annotations that would lift the pod's AppArmor or seccomp confinement. */
    static final List<String> REFUSED_ANNOTATION_PREFIXES = List.of(
            "container.apparmor.security.beta.kubernetes.io/", "seccomp.security.alpha.kubernetes.io/");
    private static final String OWN_DOMAIN = "devws.io";

    private WorkspacePolicy() {
    }

    /** Everything refused in the spec, joined; empty when the pod may be built. */
    public static Optional<String> problem(DevWorkspace ws, Predicate<String> secretOptedIn) {
        List<String> problems = problems(ws, secretOptedIn);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    static List<String> problems(DevWorkspace ws, Predicate<String> secretOptedIn) {
        List<String> out = new ArrayList<>();
        MountPaths.problem(StorageModel.storage(ws).getMountPath()).ifPresent(p -> out.add("spec.storage.mountPath " + p));
        ContainerSpec c = ws.getSpec().getContainer();
        if (c != null && c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                envProblem(e, secretOptedIn).ifPresent(p -> out.add("spec.container.env " + e.getName() + ": " + p));
            }
        }
        PodSpec pod = ws.getSpec().getPod();
        if (pod != null && pod.getAnnotations() != null) {
            pod.getAnnotations().keySet().stream()
                    .filter(k -> REFUSED_ANNOTATION_PREFIXES.stream().anyMatch(k::startsWith)).sorted()
                    .forEach(k -> out.add("spec.pod.annotations " + k + ": devws sets the pod's confinement; remove it"));
        }
        return out;
    }

    /** Values, the pod's fields, the container's resources, and Secrets their owner opted in. */
    static Optional<String> envProblem(EnvVar e, Predicate<String> secretOptedIn) {
        EnvVarSource from = e.getValueFrom();
        if (from == null || from.getFieldRef() != null || from.getResourceFieldRef() != null) {
            return Optional.empty();
        }
        if (from.getSecretKeyRef() != null) {
            String secret = from.getSecretKeyRef().getName();
            return secretOptedIn.test(secret) ? Optional.empty()
                    : Optional.of("Secret " + secret + " is not open to workspaces: its owner must label it "
                            + ContainerSpec.SECRET_OPT_IN_LABEL + "=true (docs/security.md)");
        }
        return Optional.of("only value, fieldRef, resourceFieldRef or secretKeyRef (an opted-in Secret) may set a variable");
    }

    /** The user's labels or annotations without devws' own keys ({@code devws.io/*}, {@code *.devws.io/*}). */
    public static Map<String, String> withoutOwnKeys(Map<String, String> user) {
        Map<String, String> out = new LinkedHashMap<>();
        if (user != null) {
            user.forEach((k, v) -> {
                if (!ownKey(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    static boolean ownKey(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
        return prefix.equals(OWN_DOMAIN) || prefix.endsWith("." + OWN_DOMAIN);
    }
}
