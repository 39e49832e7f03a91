package io.devws.cli.sshconfig;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two small texts (config files), for {@code config-ssh --dry-run}. */
public final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    private record Op(char kind, String line, int oldLine, int newLine) {
    }

    /** Empty when equal; otherwise {@code --- before / +++ after} and {@code @@} hunks. */
    public static String unified(String name, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<Op> ops = ops(before.lines().toList(), after.lines().toList());
        StringBuilder out = new StringBuilder("--- ").append(name).append('\n').append("+++ ").append(name).append(" (devws)\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size() && end - lastChange <= 2 * CONTEXT) {
                if (ops.get(end).kind != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            hunk(out, ops.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Op> hunk) {
        int oldCount = (int) hunk.stream().filter(o -> o.kind != '+').count();
        int newCount = (int) hunk.stream().filter(o -> o.kind != '-').count();
        Op first = hunk.get(0);
        out.append("@@ -").append(oldCount == 0 ? first.oldLine - 1 : first.oldLine).append(',').append(oldCount)
                .append(" +").append(newCount == 0 ? first.newLine - 1 : first.newLine).append(',').append(newCount).append(" @@\n");
        hunk.forEach(o -> out.append(o.kind).append(o.line).append('\n'));
    }

    /** Longest-common-subsequence edit script; fine for files of a few hundred lines. */
    private static List<Op> ops(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), ++i, ++j));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', a.get(i), ++i, j + 1));
            } else {
                ops.add(new Op('+', b.get(j), i + 1, ++j));
            }
        }
        return ops;
    }
}
