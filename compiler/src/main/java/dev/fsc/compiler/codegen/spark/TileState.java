package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.spec.FeatureViewSpec.Agg;
import dev.fsc.compiler.spec.FeatureViewSpec.FeatureSpec;
import dev.fsc.compiler.sql.SparkTypes;
import java.util.List;
import java.util.Optional;

/**
 * One partial aggregate a tile keeps for a feature, and how partials merge into the feature's value.
 * Every aggregation of the spec merges: sum/count/min/max directly, avg as sum + count, last as the
 * greatest (event_time, value), count_distinct as a HyperLogLog sketch (lgK 12).
 *
 * @param name column in the tile table, {@code <feature>__<kind>}
 * @param type its Spark type
 * @param aggregate the aggregate over events, with {@code %s} where the events' alias prefix goes
 */
record TileState(String name, String type, String aggregate) {
    static final int HLL_LG_K = 12;

    /** The aggregate over events whose columns are prefixed with {@code prefix} ("" or "e."). */
    String over(String prefix) {
        return aggregate.replace("%s", prefix);
    }

    /** The states of one feature spec (shared by all its windows). */
    static List<TileState> of(Feature feature) {
        FeatureSpec spec = feature.spec();
        String f = spec.name().value();
        String value = "%s" + SparkNames.value(f);
        String outputType = SparkTypes.of(feature.type().sqlType());
        return switch (feature.agg()) {
            case COUNT -> List.of(new TileState(f + "__count", "BIGINT",
                    spec.expr().isPresent() ? "COUNT(" + value + ")" : "COUNT(*)"));
            case SUM -> List.of(new TileState(f + "__sum", outputType, "SUM(CAST(" + value + " AS " + outputType + "))"));
            case AVG -> List.of(
                    new TileState(f + "__sum", "DOUBLE", "SUM(CAST(" + value + " AS DOUBLE))"),
                    new TileState(f + "__count", "BIGINT", "COUNT(" + value + ")"));
            case MIN -> List.of(new TileState(f + "__min", outputType, "MIN(" + value + ")"));
            case MAX -> List.of(new TileState(f + "__max", outputType, "MAX(" + value + ")"));
            case LAST -> List.of(new TileState(f + "__last", "STRUCT<event_time: TIMESTAMP, value: " + outputType + ">",
                    "MAX(named_struct('event_time', %sevent_time, 'value', " + value + ")) FILTER (WHERE " + value + " IS NOT NULL)"));
            case COUNT_DISTINCT -> List.of(new TileState(f + "__sketch", "BINARY",
                    "hll_sketch_agg(CAST(" + value + " AS STRING), " + HLL_LG_K + ")"));
        };
    }

    /**
     * The feature's value merged from partials {@code x} that pass {@code within} (a condition on
     * {@code x.tile_start}, or empty for every partial).
     */
    static String merge(Feature feature, Optional<String> within) {
        String f = feature.spec().name().value();
        Agg agg = feature.agg();
        return switch (agg) {
            case COUNT -> "COALESCE(SUM(" + pick(within, "x." + f + "__count") + "), 0)";
            case SUM -> "SUM(" + pick(within, "x." + f + "__sum") + ")";
            case AVG -> "try_divide(SUM(" + pick(within, "x." + f + "__sum") + "), SUM(" + pick(within, "x." + f + "__count") + "))";
            case MIN -> "MIN(" + pick(within, "x." + f + "__min") + ")";
            case MAX -> "MAX(" + pick(within, "x." + f + "__max") + ")";
            case LAST -> "MAX(" + pick(within, "x." + f + "__last") + ").value";
            case COUNT_DISTINCT -> "COALESCE(hll_sketch_estimate(hll_union_agg(" + pick(within, "x." + f + "__sketch") + ")), 0)";
        };
    }

    private static String pick(Optional<String> within, String column) {
        return within.map(w -> "CASE WHEN " + w + " THEN " + column + " END").orElse(column);
    }
}
