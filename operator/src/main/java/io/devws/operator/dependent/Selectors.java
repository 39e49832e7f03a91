package io.devws.operator.dependent;

import io.devws.model.WorkspaceNames;

/** The informers of the dependents watch only objects devws created. */
final class Selectors {
    static final String MANAGED = "app.kubernetes.io/managed-by=" + WorkspaceNames.MANAGED_BY;

    private Selectors() {
    }
}
