package io.devws.cli.output;

/** {@code -o table|json|yaml}, as kubectl's {@code -o}. */
public enum OutputFormat {
    table, json, yaml
}
