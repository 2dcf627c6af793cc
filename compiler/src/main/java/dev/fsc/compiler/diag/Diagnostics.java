package dev.fsc.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics across phases. User mistakes are values added here, never exceptions,
 * so one run reports every problem, not just the first.
 */
public final class Diagnostics {
    private static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.pos().file().toString())
            .thenComparingInt(d -> d.pos().line())
            .thenComparingInt(d -> d.pos().column())
            .thenComparing(d -> d.code().id());

    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void addAll(List<Diagnostic> diagnostics) {
        items.addAll(diagnostics);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return items.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return items.size() - errorCount();
    }

    /** All diagnostics, ordered by file, line and column, without exact repeats. */
    public List<Diagnostic> sorted() {
        return items.stream().distinct().sorted(BY_POSITION).toList();
    }
}
