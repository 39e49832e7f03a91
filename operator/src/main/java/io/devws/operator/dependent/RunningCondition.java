package io.devws.operator.dependent;

import io.devws.model.DevWorkspace;
import io.devws.model.WorkspaceNames;
import io.devws.operator.model.WorkspacePolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The pod exists only while spec.started is true and the spec passes {@link WorkspacePolicy}; otherwise
 * the workflow deletes it (a spec edited into a refused one loses its pod too).
 */
public class RunningCondition implements Condition<Object, DevWorkspace> {
    @Override
    public boolean isMet(DependentResource<Object, DevWorkspace> dependent, DevWorkspace ws, Context<DevWorkspace> context) {
        return ws.getSpec().started() && WorkspaceNames.of(ws).problem().isEmpty()
                && WorkspacePolicy.problem(ws, SecretOptIn.of(context.getClient(), ws)).isEmpty();
    }
}
