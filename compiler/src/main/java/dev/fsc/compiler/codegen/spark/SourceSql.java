package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.codegen.RowChecks;
import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.compiler.spec.SourceSpec.SourceType;
import dev.fsc.compiler.sql.SparkSqlText;
import dev.fsc.compiler.sql.SparkTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The statements that take one source from its input to silver: load (local), silver, row versions (CDC). */
final class SourceSql {
    private static final List<String> CDC_RAW = List.of("op", "before", "after", "lsn", "source_ts_ms", "ts_ms");

    private final Templates templates;
    private final String project;
    private final SparkNames names;

    SourceSql(Templates templates, String project, SparkNames names) {
        this.templates = templates;
        this.project = project;
        this.names = names;
    }

    static boolean isCdc(Source source) {
        return source.spec().type().value() == SourceType.CDC;
    }

    static String eventTime(Source source) {
        return source.spec().eventTime().map(Located::value).orElseThrow(
                () -> new IllegalStateException("source " + source.name() + " has no event_time (the resolver requires one)"));
    }

    /** Statements loading the day's records of a local input file into bronze. */
    List<String> load(Source source, String inputPath) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("source", source.name());
        model.put("bronze", names.bronze(source.name()));
        model.put("input", SparkNames.input(source.name()));
        model.put("pathParameter", SparkNames.inputParameter(source.name()));
        model.put("eventTime", eventTime(source));
        if (isCdc(source)) {
            return templates.statements("load_cdc.sql.ftl", model);
        }
        model.put("columns", source.columns().stream().map(Column::name).toList());
        model.put("format", inputFormat(inputPath));
        return templates.statements("load_stream.sql.ftl", model);
    }

    private static String inputFormat(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return "csv";
        }
        if (lower.endsWith(".parquet")) {
            return "parquet";
        }
        return "json";
    }

    /** Statements typing, checking, routing, deduplicating and protecting the day's bronze records into silver. */
    List<String> silver(Source source) {
        SourceSpec spec = source.spec();
        boolean cdc = isCdc(source);
        String eventTime = eventTime(source);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("source", source.name());
        model.put("cdc", cdc);
        model.put("bronze", names.bronze(source.name()));
        model.put("silver", names.silver(source.name()));
        model.put("late", names.late(source.name()));
        model.put("quarantine", names.quarantine(source.name()));
        model.put("columns", columns(source));
        model.put("rawColumns", cdc ? CDC_RAW : rawStreamColumns(source));
        model.put("metaColumns", metaColumns(source));
        model.put("rowChecks", new RowChecks(SparkSqlText::expression).of(spec));
        spec.lateness().ifPresent(l -> {
            model.put("lateness", l.value().toMillis());
            model.put("latenessText", SparkTime.text(l.value()));
            // snapshot rows (op r) arrive long after their event time by nature: never late
            model.put("lateCondition", (cdc ? "_op <> 'r' AND " : "")
                    + SparkTime.millisBetween(cdc ? "_change_time" : eventTime, "_arrival_time") + " > " + l.value().toMillis());
        });
        spec.dedup().ifPresent(d -> {
            Map<String, Object> dedup = new LinkedHashMap<>();
            List<String> keys = d.key().stream().map(Located::value).toList();
            dedup.put("keys", keys);
            dedup.put("withinMillis", d.within().value().toMillis());
            dedup.put("withinText", SparkTime.text(d.within().value()));
            dedup.put("lookbackDays", SparkTime.daysCovering(d.within().value()));
            dedup.put("orderFields", dedupOrder(source));
            model.put("dedup", dedup);
        });
        return templates.statements("silver.sql.ftl", model);
    }

    /** Statements rebuilding the row versions of a CDC source from its silver change events. */
    List<String> versions(Source source) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("source", source.name());
        model.put("silver", names.silver(source.name()));
        model.put("versions", names.versions(source.name()));
        model.put("primaryKey", source.spec().primaryKey().stream().map(Located::value).toList());
        model.put("columns", columns(source));
        return templates.statements("versions.sql.ftl", model);
    }

    private List<Map<String, String>> columns(Source source) {
        boolean cdc = isCdc(source);
        List<Map<String, String>> out = new ArrayList<>();
        for (Column c : source.columns()) {
            String type = SparkTypes.of(c.sqlType());
            // the raw text: in the typing SELECT (from bronze) and after it (kept in _raw / img)
            String rawInBronze = cdc ? "img." + c.name() : c.name();
            String raw = cdc ? "img." + c.name() : "_raw." + c.name();
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", type);
            m.put("sqlType", c.sqlType());
            m.put("raw", raw);
            m.put("typed", typed(rawInBronze, type, cdc));
            SourceSpec.Pii pii = source.spec().column(c.name()).flatMap(SourceSpec.ColumnSpec::pii).orElse(null);
            m.put("silverType", pii == SourceSpec.Pii.HASH ? "STRING" : type);
            m.put("silverExpr", pii == null ? c.name()
                    : pii == SourceSpec.Pii.HASH ? "sha2(concat('" + project + ":', CAST(" + c.name() + " AS STRING)), 256)"
                    : "CAST(NULL AS " + type + ")");
            out.add(m);
        }
        return out;
    }

    /** Reading one raw text value as its type; Debezium writes timestamps as epoch milliseconds, dates as epoch days. */
    private static String typed(String raw, String type, boolean cdc) {
        if (cdc && type.equals("TIMESTAMP")) {
            return "timestamp_millis(try_cast(" + raw + " AS BIGINT))";
        }
        if (cdc && type.equals("DATE")) {
            return "date_from_unix_date(try_cast(" + raw + " AS INT))";
        }
        return type.equals("STRING") ? raw : "try_cast(" + raw + " AS " + type + ")";
    }

    private static List<String> rawStreamColumns(Source source) {
        List<String> raw = new ArrayList<>(source.columns().stream().map(Column::name).toList());
        raw.add("_arrival_time");
        return raw;
    }

    private static List<Map<String, String>> metaColumns(Source source) {
        List<Map<String, String>> meta = new ArrayList<>();
        if (isCdc(source)) {
            meta.add(meta("_op", "STRING", "op"));
            meta.add(meta("_lsn", "BIGINT", "try_cast(lsn AS BIGINT)"));
            meta.add(meta("_change_time", "TIMESTAMP", "CASE WHEN op = 'd' THEN timestamp_millis(try_cast(source_ts_ms AS BIGINT))"
                    + " ELSE timestamp_millis(try_cast(get_json_object(after, '$." + eventTime(source) + "') AS BIGINT)) END"));
            meta.add(meta("_arrival_time", "TIMESTAMP", "timestamp_millis(try_cast(ts_ms AS BIGINT))"));
        } else {
            meta.add(meta("_arrival_time", "TIMESTAMP",
                    "COALESCE(try_cast(_arrival_time AS TIMESTAMP), try_cast(" + eventTime(source) + " AS TIMESTAMP))"));
        }
        return meta;
    }

    private static Map<String, String> meta(String name, String type, String expr) {
        return Map.of("name", name, "type", type, "expr", expr);
    }

    /** Fields of a dedup record, in the order ties are broken: arrival, event time, then every column. */
    private static List<String> dedupOrder(Source source) {
        List<String> fields = new ArrayList<>();
        fields.add("_arrival_time");
        fields.add(eventTime(source));
        source.columns().stream().map(Column::name).filter(n -> !n.equals(eventTime(source))).forEach(fields::add);
        if (isCdc(source)) {
            fields.addAll(List.of("_op", "_lsn", "_change_time"));
        }
        fields.add("ds");
        return fields;
    }
}
