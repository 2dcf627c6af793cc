package dev.fsc.compiler.plan.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts (as {@code diff -u} prints it), for showing how generated files change.
 * Line matching is a longest common subsequence; generated files are small enough for its quadratic cost.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of {@code before} and {@code after} under the name {@code path}; empty when they are equal. */
    public static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
        List<String> b = after.isEmpty() ? List.of() : List.of(after.split("\n", -1));
        List<int[]> edits = edits(a, b); // each: {op, index in a, index in b}, op 0 keep, -1 delete, +1 insert
        StringBuilder out = new StringBuilder("--- a/" + path + "\n+++ b/" + path + "\n");
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i)[0] == 0) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size() && (edits.get(end)[0] != 0 || end - lastChange <= 2 * CONTEXT)) {
                if (edits.get(end)[0] != 0) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(out, edits.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<int[]> hunk, List<String> a, List<String> b) {
        int aStart = hunk.get(0)[1];
        int bStart = hunk.get(0)[2];
        long aCount = hunk.stream().filter(e -> e[0] <= 0).count();
        long bCount = hunk.stream().filter(e -> e[0] >= 0).count();
        out.append("@@ -").append(aStart + 1).append(',').append(aCount).append(" +").append(bStart + 1).append(',')
                .append(bCount).append(" @@\n");
        for (int[] edit : hunk) {
            switch (edit[0]) {
                case 0 -> out.append(' ').append(a.get(edit[1])).append('\n');
                case -1 -> out.append('-').append(a.get(edit[1])).append('\n');
                default -> out.append('+').append(b.get(edit[2])).append('\n');
            }
        }
    }

    private static List<int[]> edits(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<int[]> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new int[] {0, i++, j++});
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new int[] {-1, i++, j}); // deletions first, as diff -u prints them
            } else {
                edits.add(new int[] {1, i, j++});
            }
        }
        return edits;
    }
}
