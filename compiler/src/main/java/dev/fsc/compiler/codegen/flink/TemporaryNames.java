package dev.fsc.compiler.codegen.flink;

/**
 * Names of a streaming job's temporary tables and views (inputs, the online sink, intermediate views).
 * The runner makes the Iceberg catalog current, so these live in Flink's in-memory default catalog and are
 * always named in full (runtime-flink/README.md, Contract §2); Iceberg tables stay {@code namespace.table}.
 */
final class TemporaryNames {
    private static final String DEFAULT = "default_catalog.default_database.";

    private TemporaryNames() {
    }

    /** A temporary object's full name. */
    static String of(String name) {
        return DEFAULT + name;
    }

    /** A source's events (its silver records) under the source's own name, as spec SQL reads them. */
    static String source(String source) {
        return of(source);
    }

    /** A CDC source's versioned view, which temporal joins read. */
    static String versions(String source) {
        return of(source + "__versions");
    }

    /** A feature view's input events: keys, event_time, one value column per feature. */
    static String events(String view) {
        return of(view + "__events");
    }
}
