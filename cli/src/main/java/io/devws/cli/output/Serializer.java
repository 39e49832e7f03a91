package io.devws.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/** JSON and YAML with the Jackson that Fabric8 already brings (no extra jar on the class path). */
public final class Serializer {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Serializer() {
    }

    public static String render(Object value, OutputFormat format) {
        try {
            return switch (format) {
                case json -> JSON.writeValueAsString(value) + "\n";
                case yaml -> YAML.writeValueAsString(value);
                case table -> throw new IllegalArgumentException("tables are rendered by the command");
            };
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
