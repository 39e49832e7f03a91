package io.devws.operator.status;

import io.devws.model.Condition;
import io.devws.model.ConditionType;
import io.devws.model.DevWorkspaceStatus;
import io.devws.model.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The status after a reconcile error: previous conditions kept, Ready False with the failure. */
public final class FailureStatus {
    private FailureStatus() {
    }

    public static DevWorkspaceStatus of(DevWorkspaceStatus previous, long generation, Failure failure, Instant now) {
        DevWorkspaceStatus s = new DevWorkspaceStatus();
        if (previous != null) {
            s.setPodName(previous.getPodName());
            s.setSsh(previous.getSsh());
            s.setLastActivityTime(previous.getLastActivityTime());
            s.setPhase(previous.getPhase());
        }
        s.setObservedGeneration(generation);
        if (failure.permanent() || s.getPhase() == null) {
            s.setPhase(failure.permanent() ? Phase.Failed : Phase.Pending);
        }
        s.setMessage(failure.message());
        List<ConditionValue> values = new ArrayList<>();
        List<Condition> before = previous == null || previous.getConditions() == null ? List.of() : previous.getConditions();
        for (ConditionType type : ConditionType.values()) {
            if (type == ConditionType.Ready) {
                values.add(ConditionValue.isFalse(type, failure.reason(), failure.message()));
            } else {
                values.add(before.stream().filter(c -> type.name().equals(c.getType())).findFirst()
                        .map(c -> new ConditionValue(type, c.getStatus(), c.getReason(), c.getMessage()))
                        .orElse(ConditionValue.unknown(type, "Unknown", "not observed yet")));
            }
        }
        s.setConditions(Conditions.merge(before, values, now));
        return s;
    }
}
