package dev.fsc.compiler.codegen;

import dev.fsc.compiler.spec.Durations;
import java.time.Duration;

/**
 * The Iceberg tables both engines write, catalog-relative ({@code namespace.table}). Spark and Flink use
 * the same names and columns, so a table holds the same rows whichever path wrote it. These are logical names:
 * the jobs of an environment use the version {@link TableVersions} gives them.
 */
public final class TableNames {
    private TableNames() {
    }

    public static String bronze(String source) {
        return "bronze." + source;
    }

    public static String silver(String source) {
        return "silver." + source;
    }

    public static String late(String source) {
        return "silver." + source + "__late";
    }

    public static String quarantine(String source) {
        return "silver." + source + "__quarantine";
    }

    /** The row versions of a CDC source ({@code valid_from} / {@code valid_to}); the batch path's. */
    public static String versions(String source) {
        return "silver." + source + "__versions";
    }

    /** The tiles of one view at one tile size. */
    public static String tiles(String view, Duration tileSize) {
        return "gold." + view + "__tiles_" + Durations.format(tileSize);
    }

    /** The job parameter holding a source's local input path. */
    public static String inputParameter(String source) {
        return "input_" + source;
    }

    /** A feature's value column in a view's events. */
    public static String value(String feature) {
        return "v_" + feature;
    }
}
