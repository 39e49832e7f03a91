package io.devws.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The crd-generator writes printer columns sorted by jsonPath; kubectl shows them in the CRD's order.
 * This puts the generated columns in reading order (Age last, as Kubernetes' own kinds do) for the
 * shipped copies. Text-level, so the generator's formatting stays as it is.
 */
final class CrdColumns {
    static final List<String> ORDER = List.of("Phase", "Ready", "Image", "Pod", "Host-Key", "Age");
    private static final String START = "  - additionalPrinterColumns:";

    private CrdColumns() {
    }

    static String ordered(String crd) {
        List<String> lines = crd.lines().toList();
        int start = lines.indexOf(START);
        if (start < 0) {
            throw new IllegalStateException("no additionalPrinterColumns in the generated CRD");
        }
        int end = start + 1;
        List<List<String>> columns = new ArrayList<>();
        while (end < lines.size() && lines.get(end).startsWith("    ") && !lines.get(end).startsWith("    name:")) {
            if (lines.get(end).startsWith("    - ")) {
                columns.add(new ArrayList<>());
            }
            columns.get(columns.size() - 1).add(lines.get(end));
            end++;
        }
        columns.sort(Comparator.comparingInt(CrdColumns::rank));
        List<String> out = new ArrayList<>(lines.subList(0, start + 1));
        for (List<String> column : columns) {
            String first = column.get(0).substring("    - ".length());
            List<String> fields = new ArrayList<>(column.subList(1, column.size()));
            fields.add(0, "      " + first);
            // keep the generator's key order inside a column, the dash on its first line
            fields.sort(Comparator.naturalOrder());
            fields.set(0, "    - " + fields.get(0).substring(6));
            out.addAll(fields);
        }
        out.addAll(lines.subList(end, lines.size()));
        return String.join("\n", out) + (crd.endsWith("\n") ? "\n" : "");
    }

    private static int rank(List<String> column) {
        String name = column.stream().map(String::strip).map(l -> l.startsWith("- ") ? l.substring(2) : l)
                .filter(l -> l.startsWith("name: ")).findFirst().orElseThrow().substring("name: ".length()).replace("\"", "");
        int i = ORDER.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("printer column " + name + " has no place in CrdColumns.ORDER");
        }
        return i;
    }
}
