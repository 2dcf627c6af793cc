package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.spec.FeatureViewSpec.FeatureSpec;
import dev.fsc.compiler.sql.SparkTypes;
import java.util.List;
import java.util.function.Function;

/**
 * One partial aggregate a tile keeps for a feature, and how partials merge into the feature's value.
 * Every aggregation of the spec merges: sum/count/min/max directly, avg as sum + count, last as the
 * greatest (event_time, value), count_distinct as a HyperLogLog sketch (lgK 12).
 *
 * @param name column in the tile table, {@code <feature>__<kind>}
 * @param type its Spark type
 * @param aggregate the aggregate over events, with {@code %s} where the events' alias prefix goes
 * @param merge how two or more partials of this state merge into one
 */
record TileState(String name, String type, String aggregate, Merge merge) {
    static final int HLL_LG_K = 12;

    /** How partials of a state merge. */
    enum Merge {
        ADD("SUM"), LEAST("MIN"), GREATEST("MAX"), SKETCH_UNION("hll_union_agg");

        private final String aggregate;

        Merge(String aggregate) {
            this.aggregate = aggregate;
        }

        /** The aggregate merging every partial in {@code column}. */
        String rollup(String column) {
            return aggregate + "(" + column + ")";
        }
    }

    /** The aggregate over events whose columns are prefixed with {@code prefix} ("" or "e."). */
    String over(String prefix) {
        return aggregate.replace("%s", prefix);
    }

    /** The part of the name after the feature's: {@code __sum}, {@code __count}, ... */
    String kind() {
        return name.substring(name.lastIndexOf("__"));
    }

    /** The states of one feature spec (shared by all its windows). */
    static List<TileState> of(Feature feature) {
        FeatureSpec spec = feature.spec();
        String f = spec.name().value();
        String value = "%s" + SparkNames.value(f);
        String outputType = SparkTypes.of(feature.type().sqlType());
        return switch (feature.agg()) {
            case COUNT -> List.of(new TileState(f + "__count", "BIGINT",
                    spec.expr().isPresent() ? "COUNT(" + value + ")" : "COUNT(*)", Merge.ADD));
            case SUM -> List.of(new TileState(f + "__sum", outputType, "SUM(CAST(" + value + " AS " + outputType + "))", Merge.ADD));
            case AVG -> List.of(
                    new TileState(f + "__sum", "DOUBLE", "SUM(CAST(" + value + " AS DOUBLE))", Merge.ADD),
                    new TileState(f + "__count", "BIGINT", "COUNT(" + value + ")", Merge.ADD));
            case MIN -> List.of(new TileState(f + "__min", outputType, "MIN(" + value + ")", Merge.LEAST));
            case MAX -> List.of(new TileState(f + "__max", outputType, "MAX(" + value + ")", Merge.GREATEST));
            case LAST -> List.of(new TileState(f + "__last", "STRUCT<event_time: TIMESTAMP, value: " + outputType + ">",
                    "MAX(named_struct('event_time', %sevent_time, 'value', " + value + ")) FILTER (WHERE " + value + " IS NOT NULL)",
                    Merge.GREATEST));
            case COUNT_DISTINCT -> List.of(new TileState(f + "__sketch", "BINARY",
                    "hll_sketch_agg(CAST(" + value + " AS STRING), " + HLL_LG_K + ")", Merge.SKETCH_UNION));
        };
    }

    /**
     * The feature's value from its states merged, each state's merged partial given by {@code merged}
     * (an expression: the feature's states are all in one row by then).
     */
    static String value(Feature feature, Function<TileState, String> merged) {
        List<TileState> states = of(feature);
        return switch (feature.agg()) {
            case COUNT -> "COALESCE(" + merged.apply(states.get(0)) + ", 0)";
            case SUM, MIN, MAX -> merged.apply(states.get(0));
            case AVG -> "try_divide(" + merged.apply(states.get(0)) + ", " + merged.apply(states.get(1)) + ")";
            case LAST -> merged.apply(states.get(0)) + ".value";
            case COUNT_DISTINCT -> "COALESCE(hll_sketch_estimate(" + merged.apply(states.get(0)) + "), 0)";
        };
    }
}
