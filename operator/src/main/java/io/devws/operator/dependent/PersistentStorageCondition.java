package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.StorageModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** A PVC exists unless the storage is ephemeral. */
public class PersistentStorageCondition implements Condition<Object, DevWorkspace> {
    @Override
    public boolean isMet(DependentResource<Object, DevWorkspace> dependent, DevWorkspace ws, Context<DevWorkspace> context) {
        return WorkspaceNames.of(ws).problem().isEmpty() && !StorageModel.storage(ws).ephemeral();
    }
}
