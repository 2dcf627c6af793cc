package dev.fsc.compiler.diag;

/**
 * The one catalog of numbered diagnostics. Numbers are stable: tools and docs refer to them.
 * FSC1xxx load and shape, FSC2xxx names and semantics, FSC3xxx SQL and types,
 * FSC4xxx plan and diff, FSC5xxx deploy and run.
 */
public enum Code {
    // --- load and shape ---
    YAML_SYNTAX(1001, "invalid YAML"),
    UNREADABLE_FILE(1002, "cannot read file"),
    NO_PROJECT(1003, "no fsc.yaml project root"),
    DUPLICATE_YAML_KEY(1004, "duplicate key in mapping"),
    MISSING_KIND(1005, "document has no kind"),
    UNKNOWN_KIND(1006, "unknown kind"),
    UNKNOWN_FIELD(1007, "unknown field"),
    MISSING_FIELD(1008, "missing required field"),
    WRONG_SHAPE(1009, "wrong value type"),
    INVALID_VALUE(1010, "invalid value"),
    INVALID_DURATION(1011, "invalid duration"),
    INVALID_NAME(1012, "invalid name"),
    INVALID_CRON(1013, "invalid cron expression"),
    EMPTY_PROJECT(1014, "no specs found"),

    // --- names and semantics ---
    DUPLICATE_NAME(2001, "duplicate name"),
    UNKNOWN_SOURCE(2002, "unknown source"),
    UNKNOWN_ENTITY(2003, "unknown entity"),
    UNKNOWN_VIEW(2004, "unknown feature view"),
    UNKNOWN_FEATURE(2005, "unknown feature"),
    UNKNOWN_COLUMN(2006, "unknown column"),
    ENTITY_KEY_MISMATCH(2007, "entity keys not mapped"),
    KEY_TYPE_MISMATCH(2008, "key type mismatch"),
    DEPENDENCY_CYCLE(2009, "dependency cycle"),
    DUPLICATE_OUTPUT(2010, "duplicate output column"),
    MISSING_PRIMARY_KEY(2011, "cdc source needs a primary key"),
    BAD_EVENT_TIME(2012, "event time column is not a timestamp"),
    SOURCE_TYPE_MISMATCH(2013, "source type does not fit"),
    ENTITY_NOT_IN_SPINE(2014, "feature entity not in dataset spine"),
    WINDOW_GRANULARITY(2015, "window does not fit the tile size"),
    AGG_NEEDS_EXPR(2016, "aggregation needs an expression"),
    UNKNOWN_ENV_INPUT(2017, "local input names no source"),
    TTL_SHORTER_THAN_WINDOW(2018, "ttl shorter than a window"),
    RETENTION_SHORTER_THAN_WINDOW(2019, "retention shorter than a window"),
    DUPLICATE_WINDOW(2020, "duplicate window"),
    INVALID_QUALITY_CHECK(2021, "invalid quality check"),
    UNKNOWN_DATABASE(2022, "cdc source names no database of the environment"),

    // --- SQL and types ---
    SQL_SYNTAX(3001, "SQL syntax error"),
    SQL_UNKNOWN_COLUMN(3002, "unknown column in SQL"),
    SQL_INVALID(3003, "invalid SQL"),
    AGG_TYPE_MISMATCH(3004, "aggregation does not fit the type"),
    NOT_BOOLEAN(3005, "condition is not BOOLEAN"),
    AGGREGATE_IN_EXPR(3006, "aggregate in a row expression"),
    INVALID_TYPE(3007, "invalid column type"),
    QUERY_MISSING_COLUMN(3008, "query does not expose a required column"),
    NON_DETERMINISTIC(3009, "non-deterministic function"),
    SQL_UNKNOWN_TABLE(3010, "unknown table in SQL"),
    SQL_UNKNOWN_FUNCTION(3011, "unknown function in SQL");

    private final int number;
    private final String title;

    Code(int number, String title) {
        this.number = number;
        this.title = title;
    }

    /** The stable identifier shown to users, e.g. {@code FSC2006}. */
    public String id() {
        return "FSC" + number;
    }

    public String title() {
        return title;
    }
}
