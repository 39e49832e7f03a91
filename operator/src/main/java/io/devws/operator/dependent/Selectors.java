package io.devws.operator.dependent;

import io.devws.model.WorkspaceNames;

/** The informers of the dependents watch only objects devws created. */
final class Selectors {
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED = MANAGED_BY_LABEL + "=" + WorkspaceNames.MANAGED_BY;

    private Selectors() {
    }
}
