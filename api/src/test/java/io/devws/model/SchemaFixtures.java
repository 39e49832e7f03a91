package io.devws.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The schema fixtures: malformed DevWorkspaces (first line "# expect: FIELD") and valid ones, incl. the samples. */
final class SchemaFixtures {
    static final Path INVALID = Path.of("src/test/resources/schema/invalid");
    static final Path VALID = Path.of("src/test/resources/schema/valid");
    static final Path SAMPLES = Path.of("../deploy/samples");

    private SchemaFixtures() {
    }

    static List<Path> invalid() {
        return list(INVALID);
    }

    static List<Path> valid() {
        return Stream.concat(list(VALID).stream(), list(SAMPLES).stream()).toList();
    }

    /** The field the schema must name when it rejects this fixture. */
    static String expectedField(Path fixture) {
        try {
            String first = Files.readAllLines(fixture).get(0);
            if (!first.startsWith("# expect: ")) {
                throw new IllegalStateException(fixture + " must start with '# expect: FIELD'");
            }
            return first.substring("# expect: ".length()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
