package io.devws.sidecar.session.kube;

import io.devws.model.SidecarContract;
import java.util.Map;

/** Where sessions run: the pod's dev container, from the variables the operator sets on the sidecar. */
public record KubeTarget(String namespace, String pod, String container) {
    public static KubeTarget fromEnvironment(Map<String, String> env) {
        String pod = env.get(SidecarContract.ENV_POD_NAME);
        String namespace = env.get(SidecarContract.ENV_POD_NAMESPACE);
        if (pod == null || pod.isBlank() || namespace == null || namespace.isBlank()) {
            throw new IllegalStateException("the kube executor needs " + SidecarContract.ENV_POD_NAME + " and "
                    + SidecarContract.ENV_POD_NAMESPACE + " (the operator sets them from the downward API);"
                    + " outside a pod use --executor local");
        }
        String container = env.getOrDefault(SidecarContract.ENV_DEV_CONTAINER, SidecarContract.DEV_CONTAINER);
        return new KubeTarget(namespace, pod, container.isBlank() ? SidecarContract.DEV_CONTAINER : container);
    }

    @Override
    public String toString() {
        return "container " + container + " of pod " + namespace + "/" + pod;
    }
}
