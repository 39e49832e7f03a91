package io.devws.operator.model;

import io.devws.model.DevWorkspace;
import io.devws.model.StorageSpec;
import io.devws.model.WorkspaceNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** The workspace PVC (unless the storage is ephemeral). */
public final class StorageModel {
    private StorageModel() {
    }

    /** The storage spec with every default applied. */
    public static StorageSpec storage(DevWorkspace ws) {
        StorageSpec given = ws.getSpec().getStorage();
        StorageSpec s = new StorageSpec();
        if (given != null) {
            s.setSize(given.getSize() == null ? StorageSpec.DEFAULT_SIZE : given.getSize());
            s.setMountPath(given.getMountPath() == null ? StorageSpec.DEFAULT_MOUNT_PATH : stripSlash(given.getMountPath()));
            s.setEphemeral(given.ephemeral());
            s.setStorageClassName(given.getStorageClassName());
        }
        return s;
    }

    public static PersistentVolumeClaim desired(DevWorkspace ws) {
        WorkspaceNames names = WorkspaceNames.of(ws);
        StorageSpec storage = storage(ws);
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(names.pvc())
                .withNamespace(ws.getMetadata().getNamespace())
                .withLabels(names.labels())
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage.getStorageClassName())
                .withNewResources().addToRequests("storage", new Quantity(storage.getSize())).endResources()
                .endSpec()
                .build();
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
