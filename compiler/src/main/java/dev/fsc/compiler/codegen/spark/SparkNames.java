package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.codegen.TableNames;
import java.time.Duration;

/**
 * Names of the tables and temporary views the Spark jobs use. Tables are catalog-relative
 * ({@code namespace.table}); temporary views are single names, and a source's events view is named
 * like the source, so spec SQL ({@code FROM orders}) runs as written.
 */
final class SparkNames {
    private SparkNames() {
    }

    static String bronze(String source) {
        return TableNames.bronze(source);
    }

    static String silver(String source) {
        return TableNames.silver(source);
    }

    static String late(String source) {
        return TableNames.late(source);
    }

    static String quarantine(String source) {
        return TableNames.quarantine(source);
    }

    /** The row versions of a CDC source (valid_from / valid_to). */
    static String versions(String source) {
        return "silver." + source + "__versions";
    }

    static String tiles(String view, Duration tileSize) {
        return TableNames.tiles(view, tileSize);
    }

    /** The temporary view of a local input file. */
    static String input(String source) {
        return source + "__input";
    }

    /** The temporary view of a feature view's input events: keys, event_time, one value column per feature. */
    static String events(String view) {
        return view + "__events";
    }

    /** The job parameter holding a source's local input path. */
    static String inputParameter(String source) {
        return TableNames.inputParameter(source);
    }

    /** A feature's value column in a view's events. */
    static String value(String feature) {
        return TableNames.value(feature);
    }
}
