package io.devws.operator.status;

import io.devws.model.Condition;
import io.devws.model.ConditionType;

/** A condition as computed, before its transition time is known. */
public record ConditionValue(ConditionType type, String status, String reason, String message) {
    public static ConditionValue isTrue(ConditionType type, String reason, String message) {
        return new ConditionValue(type, Condition.TRUE, reason, message);
    }

    public static ConditionValue isFalse(ConditionType type, String reason, String message) {
        return new ConditionValue(type, Condition.FALSE, reason, message);
    }

    public static ConditionValue unknown(ConditionType type, String reason, String message) {
        return new ConditionValue(type, Condition.UNKNOWN, reason, message);
    }

    public boolean ok() {
        return Condition.TRUE.equals(status);
    }
}
