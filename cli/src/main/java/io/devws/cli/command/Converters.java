package io.devws.cli.command;

import io.devws.cli.workspace.RunAs;
import io.devws.model.Durations;
import io.devws.model.Quantities;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the one duration grammar and the one quantity grammar (both in the api module). */
final class Converters {
    private Converters() {
    }

    /** {@code 90s}, {@code 1m30s}, {@code 2h}: more than zero. */
    static final class PositiveDuration implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration(value);
            if (d.isZero()) {
                throw new TypeConversionException("invalid duration '" + value + "': it must be more than zero, e.g. 30s");
            }
            return d;
        }
    }

    /** A duration kept as the user spelled it (it goes into the spec), checked against the grammar. */
    static final class DurationText implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            new PositiveDuration().convert(value);
            return value;
        }
    }

    /** {@code UID[:GID]}, numeric. */
    static final class User implements CommandLine.ITypeConverter<RunAs> {
        @Override
        public RunAs convert(String value) {
            try {
                return RunAs.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A Kubernetes quantity kept as spelled (it goes into the spec), checked against the grammar. */
    static final class QuantityText implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Quantities.parse(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static Duration duration(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
