package dev.fsc.spark;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.QueryContext;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;

/**
 * Turns what Spark (or Iceberg underneath it) threw into what a person needs: the error's own
 * message, without the wrapping ("Job aborted due to stage failure ..."), logical plans or stack
 * frames, plus where in the statement it points when Spark knows. Full traces go to the log.
 */
final class SparkErrors {
    private static final int MAX_LINES = 12;

    private SparkErrors() {
    }

    /**
     * What went wrong in one statement.
     *
     * @param message one or a few lines, no stack frames
     * @param start 0-based offset of the offending text in the statement, if known
     * @param stop 0-based offset of its last character (inclusive), if known
     */
    record Described(String message, Optional<Integer> start, Optional<Integer> stop) {
    }

    static Described describe(Throwable thrown, String statement) {
        List<Throwable> chain = chain(thrown);
        Throwable best = null;
        for (Throwable t : chain) { // deepest Spark error with a condition: the real cause, not a wrapper
            if (t instanceof SparkThrowable st && st.getCondition() != null) {
                best = t;
            }
        }
        if (best == null) {
            best = chain.get(chain.size() - 1);
        }
        String message;
        if (best instanceof AnalysisException ae) {
            message = ae.getSimpleMessage();
        } else if (best instanceof SparkThrowable) {
            message = best.getMessage();
        } else {
            message = best.getClass().getSimpleName() + ": " + best.getMessage();
        }
        Optional<Integer> start = Optional.empty();
        Optional<Integer> stop = Optional.empty();
        for (Throwable t : chain) {
            if (t instanceof SparkThrowable st && st.getQueryContext() != null) {
                for (QueryContext qc : st.getQueryContext()) {
                    if (qc.startIndex() >= 0 && qc.stopIndex() >= qc.startIndex() && qc.stopIndex() < statement.length()) {
                        start = Optional.of(qc.startIndex());
                        stop = Optional.of(qc.stopIndex());
                        break;
                    }
                }
            }
            if (start.isEmpty() && t instanceof AnalysisException ae && ae.line().isDefined() && ae.startPosition().isDefined()) {
                int offset = offsetOf(statement, (Integer) ae.line().get(), (Integer) ae.startPosition().get());
                if (offset >= 0) {
                    start = Optional.of(offset);
                    stop = Optional.of(offset);
                }
            }
            if (start.isPresent()) {
                break;
            }
        }
        return new Described(clean(message), start, stop);
    }

    /** The cause chain, outermost first, without loops. */
    static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            out.add(c);
        }
        return out;
    }

    /** Drops stack frames, "Caused by" tails and Spark's driver trace; keeps at most a few lines. */
    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        List<String> kept = new ArrayList<>();
        for (String line : message.strip().split("\\R")) {
            String s = line.strip();
            if (s.startsWith("at ") || s.startsWith("... ") && s.endsWith("more")) {
                continue;
            }
            // Spark's own "== SQL (line 1, position 8) ==" excerpt: the runner prints the statement itself.
            if (s.startsWith("Caused by:") || s.startsWith("Driver stacktrace:") || s.startsWith("== SQL")
                    || s.startsWith("== DataFrame") || s.startsWith("Suppressed:")) {
                break;
            }
            kept.add(line.stripTrailing());
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        if (kept.size() > MAX_LINES) {
            int dropped = kept.size() - MAX_LINES;
            kept = new ArrayList<>(kept.subList(0, MAX_LINES));
            kept.add("... (" + dropped + " more lines in the log)");
        }
        return kept.isEmpty() ? "(no message)" : String.join("\n", kept);
    }

    /** Offset of (1-based line, 0-based column) in {@code text}, or -1. */
    static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) {
                return -1;
            }
            offset = nl + 1;
        }
        int result = offset + column;
        return result <= text.length() ? Math.min(result, Math.max(0, text.length() - 1)) : -1;
    }
}
