package io.devws.operator.dependent;

import io.devws.model.ContainerSpec;
import io.devws.model.DevWorkspace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Predicate;

/**
 * Whether a Secret of the workspace's namespace is open to workspaces: labelled
 * {@link ContainerSpec#SECRET_OPT_IN_LABEL}{@code =true} by whoever may write it. A GET each time: the
 * operator's Secret informer sees only its own host-key Secrets, and this runs only for secretKeyRefs.
 */
public final class SecretOptIn {
    private SecretOptIn() {
    }

    public static Predicate<String> of(KubernetesClient client, DevWorkspace ws) {
        return name -> {
            Secret s = client.secrets().inNamespace(ws.getMetadata().getNamespace()).withName(name).get();
            return s != null && s.getMetadata().getLabels() != null
                    && "true".equals(s.getMetadata().getLabels().get(ContainerSpec.SECRET_OPT_IN_LABEL));
        };
    }
}
