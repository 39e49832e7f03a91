package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Nothing is created for a workspace whose name cannot be used; the status says why. */
public class ValidNameCondition implements Condition<Object, DevWorkspace> {
    @Override
    public boolean isMet(DependentResource<Object, DevWorkspace> dependent, DevWorkspace ws, Context<DevWorkspace> context) {
        return WorkspaceNames.of(ws).problem().isEmpty();
    }
}
