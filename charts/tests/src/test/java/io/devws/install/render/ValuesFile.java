package io.devws.install.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A Helm values file: its value paths (a.b.c) and which of them a comment documents. */
public final class ValuesFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;

    public ValuesFile(Path file) {
        this.file = file;
    }

    /** Dotted paths of the leaves: scalars, lists and empty maps. */
    public List<String> leafPaths() {
        try {
            List<String> out = new ArrayList<>();
            collect(YAML.readTree(file.toFile()), "", out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, String prefix, List<String> out) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else {
            out.add(prefix);
        }
    }

    /** Paths of keys that have a comment line directly above them. */
    public List<String> commentedPaths() {
        try {
            List<String> lines = Files.readAllLines(file);
            List<String> out = new ArrayList<>();
            List<String> stack = new ArrayList<>();   // key per indentation level
            List<Integer> indents = new ArrayList<>();
            boolean commentAbove = false;
            for (String line : lines) {
                String t = line.strip();
                if (t.startsWith("#")) {
                    commentAbove = true;
                    continue;
                }
                if (t.isEmpty() || t.startsWith("-") || !t.contains(":")) {
                    commentAbove = t.isEmpty() ? false : commentAbove;
                    continue;
                }
                int indent = line.indexOf(t);
                while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                    indents.remove(indents.size() - 1);
                    stack.remove(stack.size() - 1);
                }
                stack.add(t.substring(0, t.indexOf(':')).strip());
                indents.add(indent);
                if (commentAbove) {
                    out.add(String.join(".", stack));
                }
                commentAbove = false;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
