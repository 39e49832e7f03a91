package io.devws.cli.output;

import picocli.CommandLine;

/**
 * kubectl's {@code -o}: the default table, {@code wide}, {@code name}, {@code json}, {@code yaml} or
 * {@code jsonpath=TEMPLATE}.
 *
 * @param template the jsonpath template, else null
 */
public record OutputFormat(Kind kind, String template) {
    public enum Kind { table, wide, name, json, yaml, jsonpath }

    public static final String HELP = "Output format: wide, name, json, yaml or jsonpath=TEMPLATE (kubectl's template syntax,"
            + " e.g. jsonpath='{.items[*].metadata.name}'). Default: a table.";
    public static final OutputFormat TABLE = new OutputFormat(Kind.table, null);

    public static OutputFormat parse(String text) {
        if (text == null || text.isEmpty()) {
            return TABLE;
        }
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        if (name.equals("jsonpath")) {
            if (eq < 0 || text.length() == eq + 1) {
                throw new IllegalArgumentException("-o jsonpath needs a template, e.g. -o jsonpath='{.metadata.name}'");
            }
            String template = text.substring(eq + 1);
            JsonPathTemplate.compile(template);
            return new OutputFormat(Kind.jsonpath, template);
        }
        if (eq < 0 && !name.equals("jsonpath")) {
            for (Kind kind : Kind.values()) {
                if (kind.name().equals(name)) {
                    return new OutputFormat(kind, null);
                }
            }
        }
        throw new IllegalArgumentException("unknown output format '" + text + "': use wide, name, json, yaml or jsonpath=TEMPLATE");
    }

    /** True for the formats that print documents (one per object) rather than a table. */
    public boolean isDocument() {
        return kind == Kind.json || kind == Kind.yaml || kind == Kind.jsonpath;
    }

    /** The picocli converter of {@code -o}. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
