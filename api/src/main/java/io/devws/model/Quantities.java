package io.devws.model;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Storage sizes as Kubernetes quantities ("20Gi", "500M", "1.5Ti"): one grammar for the CRD schema
 * ({@link #PATTERN}), the chart and the CLI's {@code --storage}.
 */
public final class Quantities {
    /** A positive quantity with an optional binary or decimal suffix (the subset a volume size uses). */
    public static final String PATTERN = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private Quantities() {
    }

    /** Parses a size; throws IllegalArgumentException with the accepted grammar when malformed or zero. */
    public static Quantity parse(String text) {
        if (text == null || !COMPILED.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "': use a Kubernetes quantity, a number with an optional"
                    + " suffix Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal), e.g. 20Gi");
        }
        Quantity quantity = new Quantity(text);
        if (quantity.getNumericalAmount().signum() <= 0) {
            throw new IllegalArgumentException("invalid size '" + text + "': it must be more than zero, e.g. 20Gi");
        }
        return quantity;
    }
}
