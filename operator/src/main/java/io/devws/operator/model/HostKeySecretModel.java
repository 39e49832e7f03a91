package io.devws.operator.model;

import io.devws.model.DevWorkspace;
import io.devws.model.SidecarContract;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/** The workspace's host-key Secret: created once, never rotated by a reconcile. */
public final class HostKeySecretModel {
    private HostKeySecretModel() {
    }

    public static Secret desired(DevWorkspace ws, HostKeyMaterial key) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        return new SecretBuilder()
                .withNewMetadata()
                .withName(names.hostKeySecret())
                .withNamespace(ws.getMetadata().getNamespace())
                .withLabels(names.labels())
                .endMetadata()
                .withType("Opaque")
                .withStringData(Map.of(
                        SidecarContract.HOST_KEY_SECRET_PRIVATE, key.privateKey(),
                        SidecarContract.HOST_KEY_SECRET_PUBLIC, key.publicKey() + "\n"))
                .build();
    }
}
