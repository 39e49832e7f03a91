package io.devws.operator.status;

import io.devws.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Merges newly computed conditions into the previous ones: lastTransitionTime moves only on a flip. */
public final class Conditions {
    private Conditions() {
    }

    public static List<Condition> merge(List<Condition> previous, List<ConditionValue> next, Instant now) {
        return next.stream().map(v -> {
            Optional<Condition> before = previous == null ? Optional.empty()
                    : previous.stream().filter(c -> v.type().name().equals(c.getType())).findFirst();
            String since = before.filter(c -> v.status().equals(c.getStatus()) && c.getLastTransitionTime() != null)
                    .map(Condition::getLastTransitionTime)
                    .orElse(Times.format(now));
            return new Condition(v.type().name(), v.status(), v.reason(), v.message(), since);
        }).toList();
    }
}
