package dev.fsc.e2e.oracle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The aggregations of features and labels, computed directly over the events they read
 * (docs/batch-semantics.md §4 and §5). NULL values of the expression are ignored.
 */
enum Agg {
    /** Events, or with an expression its non-NULL values; 0 over nothing. */
    COUNT,
    /** Distinct non-NULL values, exactly (the Spark side approximates with HyperLogLog). */
    COUNT_DISTINCT,
    /** BIGINT over integers, DECIMAL(38, s) over decimals (keeps the scale), DOUBLE over doubles; NULL over nothing. */
    SUM,
    /** DOUBLE sum / count; NULL over nothing. */
    AVG,
    MIN,
    MAX,
    /** The value of the latest event with a non-NULL value; ties on event time: the greater value. */
    LAST,
    /** Labels only: whether there is any event (never NULL). */
    EXISTS;

    Object over(List<Event> events, Expr expr) {
        if (this == EXISTS) {
            return !events.isEmpty();
        }
        if (this == COUNT && expr == null) {
            return (long) events.size();
        }
        if (this == LAST) {
            return last(events, expr);
        }
        List<Object> values = new ArrayList<>();
        for (Event e : events) {
            Object v = expr.eval(e.row());
            if (v != null) {
                values.add(v);
            }
        }
        return switch (this) {
            case COUNT -> (long) values.size();
            case COUNT_DISTINCT -> (long) new HashSet<>(values).size();
            case SUM -> values.isEmpty() ? null : sum(values);
            case AVG -> values.isEmpty() ? null : values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum() / values.size();
            case MIN -> values.stream().min(Sql::compare).orElse(null);
            case MAX -> values.stream().max(Sql::compare).orElse(null);
            default -> throw new AssertionError(this);
        };
    }

    private static Object sum(List<Object> values) {
        Object first = values.get(0);
        if (first instanceof Long) {
            long total = 0;
            for (Object v : values) {
                total = Math.addExact(total, (Long) v);
            }
            return total;
        }
        if (first instanceof BigDecimal) {
            BigDecimal total = BigDecimal.ZERO.setScale(((BigDecimal) first).scale());
            for (Object v : values) {
                total = total.add((BigDecimal) v);
            }
            return total;
        }
        double total = 0;
        for (Object v : values) {
            total += (Double) v;
        }
        return total;
    }

    private static Object last(List<Event> events, Expr expr) {
        Event best = null;
        Object bestValue = null;
        for (Event e : events) {
            Object v = expr.eval(e.row());
            if (v != null && (best == null || laterThan(e, v, best, bestValue))) {
                best = e;
                bestValue = v;
            }
        }
        return bestValue;
    }

    private static boolean laterThan(Event e, Object v, Event best, Object bestValue) {
        if (e.time() != best.time()) {
            return e.time() > best.time();
        }
        return Sql.compare(v, bestValue) > 0;
    }
}
