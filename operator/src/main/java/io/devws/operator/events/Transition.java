package io.devws.operator.events;

/** One lifecycle transition of a DevWorkspace, as a Kubernetes Event tells it. */
public record Transition(Type type, String reason, String message) {
    public enum Type { Normal, Warning }

    static Transition normal(String reason, String message) {
        return new Transition(Type.Normal, reason, message);
    }

    static Transition warning(String reason, String message) {
        return new Transition(Type.Warning, reason, message);
    }
}
