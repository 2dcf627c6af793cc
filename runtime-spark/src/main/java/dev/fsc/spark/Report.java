package dev.fsc.spark;

import dev.fsc.common.manifest.JobResult.StepResult;
import dev.fsc.common.manifest.JobResult.StepStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Text the runner prints: progress lines and failure excerpts. Pure formatting, no I/O. */
final class Report {
    /** Check failure messages shown per step on the console (the result file keeps more). */
    static final int SHOWN_FAILURES = 10;
    /** Statement lines shown around an error. */
    private static final int CONTEXT_LINES = 4;
    private static final int MAX_STATEMENT_LINES = 20;

    private Report() {
    }

    /** {@code [3/7] silver_orders ... } (the outcome follows on the same line). */
    static String stepPrefix(int index, int total, String id) {
        return "[" + index + "/" + total + "] " + id + " ... ";
    }

    /** {@code ok (1.2 s, 12,345 rows)}, {@code FAILED (0.4 s, 2 failures)}, {@code skipped (...)}. */
    static String outcome(StepResult r, String skipReason) {
        String seconds = seconds(r.seconds());
        return switch (r.status()) {
            case OK -> switch (r.kind()) {
                case SQL -> "ok (" + seconds + r.rows().map(n -> ", " + count(n, "row")).orElse("") + ")";
                case CHECK -> "ok (" + seconds + ", passed)";
                case PUBLISH -> "ok (" + seconds + ", " + count(r.snapshots().size(), "table") + " published)";
            };
            case FAILED -> r.error().isPresent()
                    ? "FAILED (" + seconds + ")"
                    : "FAILED (" + seconds + ", " + count(r.rows().orElse(0L), "failure") + ")";
            case WARNED -> "warn (" + seconds + ", " + count(r.rows().orElse(0L), "failure") + ")";
            case SKIPPED -> "skipped (" + skipReason + ")";
            case NOT_RUN -> "not run";
        };
    }

    /** The check failure lines under a CHECK's progress line. */
    static List<String> failureLines(StepResult r) {
        List<String> lines = new ArrayList<>();
        if (r.status() != StepStatus.FAILED && r.status() != StepStatus.WARNED) {
            return lines;
        }
        List<String> failures = r.failures();
        for (int i = 0; i < Math.min(SHOWN_FAILURES, failures.size()); i++) {
            lines.add("      - " + failures.get(i).replace("\n", "\n        "));
        }
        long total = r.rows().orElse((long) failures.size());
        if (total > Math.min(SHOWN_FAILURES, failures.size())) {
            lines.add("      ... and " + String.format(Locale.ROOT, "%,d", total - Math.min(SHOWN_FAILURES, failures.size()))
                    + " more");
        }
        return lines;
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }

    /**
     * A failing statement, indented, with a caret line under the offending text when its position is
     * known; long statements are cut to the lines around the error.
     */
    static List<String> statementExcerpt(String statement, Optional<Integer> start, Optional<Integer> stop) {
        String[] lines = statement.strip().split("\n", -1);
        String body = statement.strip();
        int lead = statement.indexOf(body);
        int errLine = -1;
        int errCol = 0;
        int errLen = 1;
        if (start.isPresent()) {
            int s = start.get() - lead;
            int offset = 0;
            for (int l = 0; l < lines.length; l++) {
                int end = offset + lines[l].length();
                if (s >= offset && s <= end) {
                    errLine = l;
                    errCol = s - offset;
                    int stopAt = stop.map(x -> x - lead).orElse(s);
                    errLen = Math.max(1, Math.min(stopAt, end - 1) - s + 1);
                    break;
                }
                offset = end + 1;
            }
        }
        int from = 0;
        int to = lines.length;
        if (lines.length > MAX_STATEMENT_LINES) {
            if (errLine >= 0) {
                from = Math.max(0, errLine - CONTEXT_LINES);
                to = Math.min(lines.length, errLine + CONTEXT_LINES + 1);
            } else {
                to = MAX_STATEMENT_LINES;
            }
        }
        List<String> out = new ArrayList<>();
        if (from > 0) {
            out.add("    ... (" + from + " lines)");
        }
        for (int l = from; l < to; l++) {
            out.add("    " + lines[l].stripTrailing());
            if (l == errLine) {
                StringBuilder caret = new StringBuilder("    ");
                for (int c = 0; c < errCol; c++) {
                    caret.append(lines[l].charAt(c) == '\t' ? '\t' : ' ');
                }
                caret.append("^".repeat(errLen));
                out.add(caret.toString());
            }
        }
        if (to < lines.length) {
            out.add("    ... (" + (lines.length - to) + " more lines)");
        }
        return out;
    }
}
