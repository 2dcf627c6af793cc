package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.model.Dataset;
import java.time.Duration;

/**
 * Names of the tables and temporary views the Spark jobs use. Tables are catalog-relative
 * ({@code namespace.table}) and at the version the environment uses ({@link TableVersions}); temporary views are
 * single names, and a source's events view is named like the source, so spec SQL ({@code FROM orders}) runs as written.
 */
final class SparkNames {
    private final TableVersions versions;

    SparkNames(TableVersions versions) {
        this.versions = versions;
    }

    String bronze(String source) {
        return versions.physical(TableNames.bronze(source));
    }

    String silver(String source) {
        return versions.physical(TableNames.silver(source));
    }

    String late(String source) {
        return versions.physical(TableNames.late(source));
    }

    String quarantine(String source) {
        return versions.physical(TableNames.quarantine(source));
    }

    /** The row versions of a CDC source (valid_from / valid_to). */
    String versions(String source) {
        return versions.physical(TableNames.versions(source));
    }

    String tiles(String view, Duration tileSize) {
        return versions.physical(TableNames.tiles(view, tileSize));
    }

    /** The table a dataset is written to. */
    String dataset(Dataset dataset) {
        return versions.physical(DatasetSql.table(dataset));
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
