package dev.fsc.e2e.oracle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One source of an example, hand-copied from its spec: what the bronze → silver rules need
 * (columns and types, event time, primary key, dedup, lateness, PII, error row checks). Written
 * with the fluent methods below, once, when an example is defined.
 */
final class SourceDef {
    enum Kind { STREAM, BATCH, CDC }

    enum Pii { HASH, DROP, ENCRYPT }

    record Dedup(List<String> key, Duration within) {
    }

    final String name;
    final Kind kind;
    final String eventTime;
    final List<String> primaryKey;
    private final Map<String, ColumnType> columns = new LinkedHashMap<>();
    private final Map<String, Pii> pii = new HashMap<>();
    private final List<RowCheck> checks = new ArrayList<>();
    private Dedup dedup;
    private Duration lateness;

    private SourceDef(String name, Kind kind, String eventTime, List<String> primaryKey) {
        this.name = name;
        this.kind = kind;
        this.eventTime = eventTime;
        this.primaryKey = primaryKey;
    }

    static SourceDef stream(String name, String eventTime) {
        return new SourceDef(name, Kind.STREAM, eventTime, List.of());
    }

    static SourceDef batch(String name, String eventTime) {
        return new SourceDef(name, Kind.BATCH, eventTime, List.of());
    }

    static SourceDef cdc(String name, String eventTime, String... primaryKey) {
        return new SourceDef(name, Kind.CDC, eventTime, List.of(primaryKey));
    }

    SourceDef column(String column, ColumnType type) {
        columns.put(column, type);
        return this;
    }

    SourceDef column(String column, ColumnType type, Pii protection) {
        pii.put(column, protection);
        return column(column, type);
    }

    SourceDef dedup(String within, String... key) {
        dedup = new Dedup(List.of(key), Times.duration(within));
        return this;
    }

    SourceDef lateness(String duration) {
        lateness = Times.duration(duration);
        return this;
    }

    SourceDef check(RowCheck check) {
        checks.add(check);
        return this;
    }

    boolean isCdc() {
        return kind == Kind.CDC;
    }

    /** Columns in declaration order. */
    Map<String, ColumnType> columns() {
        return Collections.unmodifiableMap(columns);
    }

    Pii pii(String column) {
        return pii.get(column);
    }

    List<RowCheck> checks() {
        return Collections.unmodifiableList(checks);
    }

    /** The dedup rule, or null when the source has none. */
    Dedup dedup() {
        return dedup;
    }

    /** The allowed lateness, or null when the source routes nothing to late. */
    Duration lateness() {
        return lateness;
    }
}
