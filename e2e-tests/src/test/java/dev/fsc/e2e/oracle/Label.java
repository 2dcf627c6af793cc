package dev.fsc.e2e.oracle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset label (docs/batch-semantics.md §5): {@code agg(expr)} over the silver events of its
 * source whose label key columns equal the spine row's and {@code t < event_time <= t + horizon}.
 */
final class Label {
    final String name;
    final Duration horizon;
    private final Agg agg;
    private final Expr expr;
    private final List<String> spineColumns;
    private final Map<List<Object>, List<Event>> eventsByKey = new HashMap<>();

    /**
     * @param keys label column → spine column
     * @param expr null for {@code exists} and {@code count(*)}
     */
    Label(String name, List<Event> events, Map<String, String> keys, Agg agg, Expr expr, String horizon) {
        this.name = name;
        this.horizon = Times.duration(horizon);
        this.agg = agg;
        this.expr = expr;
        List<String> labelColumns = new ArrayList<>(keys.keySet());
        this.spineColumns = labelColumns.stream().map(keys::get).toList();
        for (Event e : events) {
            eventsByKey.computeIfAbsent(Keys.of(e.row(), labelColumns), k -> new ArrayList<>()).add(e);
        }
    }

    Object valueFor(Event spineRow) {
        List<Object> key = Keys.of(spineRow.row(), spineColumns);
        long t = spineRow.time();
        List<Event> ahead = new ArrayList<>();
        if (!Keys.hasNull(key)) {
            for (Event e : eventsByKey.getOrDefault(key, List.of())) {
                if (t < e.time() && e.time() <= t + horizon.toMillis()) {
                    ahead.add(e);
                }
            }
        }
        return agg.over(ahead, expr);
    }
}
