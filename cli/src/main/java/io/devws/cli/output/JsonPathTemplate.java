package io.devws.cli.output;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * kubectl's jsonpath template ({@code 'name={.metadata.name}{"\n"}'}): text outside braces is printed as is,
 * {@code {.path}} is a JSONPath relative to the object (evaluated by Jayway's JsonPath), {@code {"..."}} a quoted
 * literal; several results print space-separated, as kubectl. {@code {range}}/{@code {end}} are not supported.
 */
public final class JsonPathTemplate {
    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider()).mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS).build();

    private sealed interface Part permits Text, Path {
    }

    private record Text(String text) implements Part {
    }

    private record Path(JsonPath path) implements Part {
    }

    private final List<Part> parts;

    private JsonPathTemplate(List<Part> parts) {
        this.parts = parts;
    }

    public static JsonPathTemplate compile(String template) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                parts.add(new Text(template.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Text(template.substring(i, open)));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("jsonpath template '" + template + "': unclosed '{'");
            }
            parts.add(expression(template, template.substring(open + 1, close).trim()));
            i = close + 1;
        }
        return new JsonPathTemplate(parts);
    }

    private static Part expression(String template, String expr) {
        if (expr.length() >= 2 && expr.startsWith("\"") && expr.endsWith("\"")) {
            return new Text(expr.substring(1, expr.length() - 1).replace("\\n", "\n").replace("\\t", "\t").replace("\\\"", "\""));
        }
        if (expr.startsWith("range") || expr.equals("end")) {
            throw new IllegalArgumentException("jsonpath template '" + template + "': {range}/{end} are not supported;"
                    + " use a path with [*] (e.g. {.items[*].metadata.name}) or -o json with jq");
        }
        String path = expr.startsWith("$") ? expr : expr.startsWith(".") || expr.startsWith("[") ? "$" + expr : "$." + expr;
        try {
            return new Path(JsonPath.compile(path));
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jsonpath template '" + template + "': cannot read {" + expr + "}: " + e.getMessage());
        }
    }

    /** The template applied to one document (a map as the API returns it, or a {@code kind: List}). */
    public String render(Map<String, Object> document) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Path p) {
                Object value = p.path().read(document, CONFIG);
                out.append(text(value));
            }
        }
        return out.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> values) {
            List<String> texts = new ArrayList<>();
            values.forEach(v -> texts.add(text(v)));
            return String.join(" ", texts);
        }
        if (value instanceof Map<?, ?>) {
            return Documents.json(value).strip();
        }
        return String.valueOf(value);
    }
}
