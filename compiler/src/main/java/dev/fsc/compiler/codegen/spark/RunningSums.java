package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.spec.FeatureViewSpec.Agg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The template model of a group's features that a dataset reads as running sums of tiles: each tile adds
 * its partials when it starts and takes them back when it leaves a window, so one pass over the key's
 * tiles in time order gives every window's sum at a probe's tile, whatever the window's length. Only
 * partials that subtract exactly qualify (counts, integer and decimal sums); the others keep their join.
 */
final class RunningSums {
    private static final Set<String> EXACT_INTEGERS = Set.of("TINYINT", "SMALLINT", "INT", "BIGINT");

    private RunningSums() {
    }

    /** Whether every partial of a feature adds and subtracts exactly. */
    static boolean qualifies(Feature feature) {
        return TileState.of(feature).stream().allMatch(s -> s.merge() == TileState.Merge.ADD
                && (EXACT_INTEGERS.contains(s.type()) || s.type().startsWith("DECIMAL")));
    }

    /** One running column: a feature's partial over its window. */
    private record Column(String name, String type, String enter, String leave, Optional<Duration> window) {
    }

    /** The columns the running sums keep for these features (each window of a feature its own). */
    private static List<Column> columns(List<Feature> features) {
        List<Column> columns = new ArrayList<>();
        for (Feature f : features) {
            for (TileState s : TileState.of(f)) {
                String state = "x." + s.name();
                columns.add(new Column(column(f, s), s.type(), state, "-" + state, f.window()));
                if (f.agg() == Agg.SUM) {
                    // a sum over no values is NULL, not 0: count the tiles with one
                    columns.add(new Column(values(f), "BIGINT", "CASE WHEN " + state + " IS NULL THEN 0 ELSE 1 END",
                            "CASE WHEN " + state + " IS NULL THEN 0 ELSE -1 END", f.window()));
                }
            }
        }
        return columns;
    }

    /** The name of a feature's partial, summed over its window, in the running rows and the partials. */
    static String column(Feature f, TileState s) {
        return f.outputName() + s.kind();
    }

    private static String values(Feature f) {
        return f.outputName() + "__values";
    }

    /**
     * The running_ CTE's model: its columns (name, type, enter), one set of leaving rows per window
     * (interval, the column values: the negated partial in that window's columns, NULL elsewhere), and
     * the output columns (a sum NULL when no tile in the window had a value).
     */
    static Map<String, Object> model(List<Feature> features) {
        List<Column> columns = columns(features);
        List<Map<String, Object>> leaves = new ArrayList<>();
        columns.stream().map(Column::window).flatMap(Optional::stream).distinct().sorted().forEach(w -> leaves.add(Map.of(
                "text", SparkTime.text(w),
                "interval", SparkTime.interval(w),
                "columns", columns.stream().map(c -> c.window().equals(Optional.of(w)) ? c.leave() : "CAST(NULL AS " + c.type() + ")").toList())));
        List<String> outputs = new ArrayList<>();
        for (Feature f : features) {
            for (TileState s : TileState.of(f)) {
                String name = column(f, s);
                outputs.add(f.agg() == Agg.SUM ? "CASE WHEN " + values(f) + " > 0 THEN " + name + " END AS " + name : name);
            }
        }
        return Map.of(
                "columns", columns.stream().map(c -> Map.of("name", c.name(), "type", c.type(), "enter", c.enter())).toList(),
                "leaves", leaves,
                "outputs", outputs);
    }
}
