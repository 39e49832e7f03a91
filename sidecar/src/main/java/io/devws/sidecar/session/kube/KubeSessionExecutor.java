package io.devws.sidecar.session.kube;

import io.devws.sidecar.session.ProcessSpec;
import io.devws.sidecar.session.SessionExecutor;
import io.devws.sidecar.session.SessionProcess;
import java.io.IOException;

/**
 * Runs sessions in the pod's dev container through the Kubernetes exec API (ARCHITECTURE.md
 * decision 3). Scaffolding: the exec issue (#3) fills this in.
 */
public final class KubeSessionExecutor implements SessionExecutor {
    private KubeSessionExecutor() {
    }

    /** Pod, namespace and container from DEVWS_POD_NAME, DEVWS_POD_NAMESPACE, DEVWS_DEV_CONTAINER. */
    public static SessionExecutor fromEnvironment() {
        return new KubeSessionExecutor();
    }

    @Override
    public SessionProcess start(ProcessSpec spec) throws IOException {
        throw new IOException("the kube executor is not implemented yet");
    }
}
