package dev.fsc.compiler.codegen.flink;

import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.spec.FeatureViewSpec.FeatureSpec;
import dev.fsc.compiler.sql.FlinkTypes;
import java.util.List;

/**
 * One partial aggregate a tile keeps for a feature, as Flink SQL: the same columns and meaning as the
 * Spark tiles (sum/count/min/max directly, avg as sum + count, last as (event_time, value) through
 * {@code FSC_LAST}, count_distinct as a HyperLogLog sketch of the value's text through {@code FSC_HLL},
 * lgK 12, fed the same strings as Spark's {@code hll_sketch_agg(CAST(v AS STRING), 12)}).
 *
 * @param name column in the tile table, {@code <feature>__<kind>}
 * @param type its Flink type
 * @param aggregate the aggregate over the view's events
 * @param stateType its type as the online view descriptor names it ({@code SKETCH}, {@code LAST<T>}, else the SQL type)
 */
record FlinkTileState(String name, String type, String aggregate, String stateType) {
    FlinkTileState(String name, String type, String aggregate) {
        this(name, type, aggregate, type);
    }

    /** The states of one feature spec (shared by all its windows). */
    static List<FlinkTileState> of(Feature feature) {
        FeatureSpec spec = feature.spec();
        String f = spec.name().value();
        String value = TableNames.value(f);
        String outputType = FlinkTypes.of(feature.type().sqlType());
        return switch (feature.agg()) {
            case COUNT -> List.of(new FlinkTileState(f + "__count", "BIGINT",
                    spec.expr().isPresent() ? "COUNT(" + value + ")" : "COUNT(*)"));
            case SUM -> List.of(new FlinkTileState(f + "__sum", outputType, "SUM(CAST(" + value + " AS " + outputType + "))"));
            case AVG -> List.of(
                    new FlinkTileState(f + "__sum", "DOUBLE", "SUM(CAST(" + value + " AS DOUBLE))"),
                    new FlinkTileState(f + "__count", "BIGINT", "COUNT(" + value + ")"));
            case MIN -> List.of(new FlinkTileState(f + "__min", outputType, "MIN(" + value + ")"));
            case MAX -> List.of(new FlinkTileState(f + "__max", outputType, "MAX(" + value + ")"));
            case LAST -> List.of(new FlinkTileState(f + "__last", "ROW<event_time TIMESTAMP(3), `value` " + outputType + ">",
                    "FSC_LAST(" + value + ", event_time)", "LAST<" + outputType + ">"));
            case COUNT_DISTINCT -> List.of(new FlinkTileState(f + "__sketch", "BYTES", "FSC_HLL(CAST(" + value + " AS STRING))", "SKETCH"));
        };
    }
}
