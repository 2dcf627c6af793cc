package dev.fsc.compiler.plan;

import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.sql.SqlCanonicalizer;
import java.util.List;

/**
 * The mergeable partial aggregates a feature needs in its tiles: avg keeps sum and count, last keeps
 * value and time, count_distinct keeps a sketch. Features sharing a state share its tile column.
 */
final class AggregateStates {
    private AggregateStates() {
    }

    static List<String> of(Feature feature) {
        String argument = argument(feature);
        return switch (feature.agg()) {
            case COUNT -> List.of("count(" + argument + ")");
            case SUM -> List.of("sum(" + argument + ")");
            case AVG -> List.of("sum(" + argument + ")", "count(" + argument + ")");
            case MIN -> List.of("min(" + argument + ")");
            case MAX -> List.of("max(" + argument + ")");
            case LAST -> List.of("last(" + argument + ")");
            case COUNT_DISTINCT -> List.of("hll(" + argument + ")");
        };
    }

    /** {@code sum(amount_usd) over 7d}, or {@code last(item_id)} for a latest-value feature. */
    static String describe(Feature feature) {
        return feature.agg().yamlName() + "(" + argument(feature) + ")"
                + feature.window().map(w -> " over " + Durations.format(w)).orElse("");
    }

    private static String argument(Feature feature) {
        return feature.spec().expr().map(SqlCanonicalizer::expression).orElse("*");
    }
}
