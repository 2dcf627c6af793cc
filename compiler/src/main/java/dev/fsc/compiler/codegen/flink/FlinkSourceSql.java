package dev.fsc.compiler.codegen.flink;

import dev.fsc.compiler.codegen.RowChecks;
import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.compiler.spec.SourceSpec.SourceType;
import dev.fsc.compiler.sql.FlinkSqlText;
import dev.fsc.compiler.sql.FlinkTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements that take one source from its input to silver in a streaming job, with the batch path's
 * semantics record for record (docs/batch-semantics.md §2): the input table with its event-time watermark,
 * bronze (as received), typing and row checks (quarantine with the reason), late routing by arrival time,
 * dedup by arrival time ({@code FSC_DEDUP}), PII protection, silver; and the views later steps read: the
 * source's events under its own name, and a CDC source's row versions for temporal joins.
 */
final class FlinkSourceSql {
    private static final List<String> CDC_RAW = List.of("op", "before", "after", "lsn", "source_ts_ms", "ts_ms");
    private static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";

    private final Templates templates;
    private final String project;
    private final RowChecks rowChecks = new RowChecks(FlinkSqlText::expression);
    private final TableVersions tables;

    FlinkSourceSql(Templates templates, String project, TableVersions tables) {
        this.templates = templates;
        this.project = project;
        this.tables = tables;
    }

    static boolean isCdc(Source source) {
        return source.spec().type().value() == SourceType.CDC;
    }

    static String eventTime(Source source) {
        return source.spec().eventTime().map(Located::value).orElseThrow(
                () -> new IllegalStateException("source " + source.name() + " has no event_time (the resolver requires one)"));
    }

    /** The input table (watermark: event time minus lateness) and the view of its records as text. */
    List<String> input(Source source, SourceInput input) {
        boolean cdc = isCdc(source);
        String et = eventTime(source);
        Map<String, Object> m = Identifiers.model();
        m.put("source", source.name());
        m.put("cdc", cdc);
        m.put("kafka", input.kafka());
        m.put("table", TemporaryNames.of(source.name() + "__input"));
        m.put("raw", TemporaryNames.of(source.name() + "__raw"));
        m.put("options", input.options());
        m.put("lateness", source.spec().lateness().map(l -> Durations.format(l.value())).orElse("0s"));
        m.put("watermarkDelay", FlinkTime.interval(source.spec().lateness().map(Located::value).orElse(Duration.ZERO)));
        List<Map<String, String>> physical = new ArrayList<>();
        List<Map<String, String>> text = new ArrayList<>();
        String event;
        String arrival;
        if (cdc) {
            String before = FlinkSqlText.identifier("before");
            String after = FlinkSqlText.identifier("after");
            physical.add(column("op", "STRING"));
            physical.add(column("before", "STRING"));
            physical.add(column("after", "STRING"));
            physical.add(column("source", "ROW<lsn STRING, ts_ms STRING>"));
            physical.add(column("ts_ms", "STRING"));
            text.add(expr("op", "op"));
            text.add(expr("before", before));
            text.add(expr("after", after));
            text.add(expr("lsn", "source.lsn"));
            text.add(expr("source_ts_ms", "source.ts_ms"));
            text.add(expr("ts_ms", "ts_ms"));
            text.add(expr("_image", "CASE WHEN op = 'd' THEN " + before + " ELSE " + after + " END"));
            text.add(expr("_change", "_event_read"));
            text.add(expr("_arrival", "_arrival_read"));
            // the day a change belongs to: a snapshot row's read time, a delete's source time, else its event time
            text.add(expr("_ds", "CAST(COALESCE(CASE WHEN op = 'r' THEN _arrival_read ELSE _event_read END, _arrival_read) AS DATE)"));
            event = "CASE WHEN op = 'd' THEN " + FlinkTime.parseEpochMillis("source.ts_ms")
                    + " ELSE " + FlinkTime.parseEpochMillis("JSON_VALUE(" + after + ", '$." + et + "')") + " END";
            arrival = FlinkTime.parseEpochMillis("ts_ms");
        } else {
            for (Column c : source.columns()) {
                physical.add(column(c.name(), input.typed() ? FlinkTypes.of(c.sqlType()) : "STRING"));
                text.add(expr(c.name(), input.typed() ? "CAST(" + FlinkSqlText.identifier(c.name()) + " AS STRING)" : FlinkSqlText.identifier(c.name())));
            }
            String arrivalText;
            if (input.kafka()) {
                physical.add(column("_kafka_timestamp", "TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL"));
                arrivalText = "CAST(CAST(_kafka_timestamp AS TIMESTAMP(3)) AS STRING)";
            } else {
                physical.add(column("_arrival_time", "STRING"));
                arrivalText = "_arrival_time";
            }
            text.add(expr("_arrival_time", arrivalText));
            text.add(expr("_arrival", "COALESCE(_arrival_read, _event_read)"));
            text.add(expr("_ds", "COALESCE(CAST(_event_read AS DATE), CAST(_arrival_read AS DATE))"));
            event = input.typed() ? FlinkSqlText.identifier(et) : FlinkTime.parseIso(FlinkSqlText.identifier(et));
            arrival = FlinkTime.parseIso(arrivalText);
        }
        m.put("physical", physical);
        m.put("text", text);
        m.put("event", event);
        m.put("arrival", arrival);
        // a record whose event time does not read is quarantined, but the watermark needs a time: its arrival
        m.put("rowtime", "COALESCE(" + event + ", " + arrival + ", " + EPOCH + ")");
        return templates.statements("source.sql.ftl", m);
    }

    /** Bronze: every record as received, as text, in the partition of its day. */
    List<String> bronze(Source source) {
        Map<String, Object> m = Identifiers.model();
        m.put("source", source.name());
        m.put("bronze", tables.physical(TableNames.bronze(source.name())));
        m.put("raw", TemporaryNames.of(source.name() + "__raw"));
        m.put("columns", rawColumns(source));
        return templates.statements("bronze.sql.ftl", m);
    }

    /** Typing, checks, late routing, dedup, PII, silver; the source's events view and (CDC) its versioned view. */
    List<String> silver(Source source) {
        SourceSpec spec = source.spec();
        boolean cdc = isCdc(source);
        String name = source.name();
        String et = eventTime(source);
        // the column that carries the watermark downstream: the event time, or a CDC change's time
        String timeColumn = cdc ? "_change_time" : et;
        Map<String, Object> m = Identifiers.model();
        m.put("source", name);
        m.put("cdc", cdc);
        m.put("raw", TemporaryNames.of(name + "__raw"));
        for (String stage : List.of("typed", "checked", "on_time", "deduplicated")) {
            m.put(stage, TemporaryNames.of(name + "__" + stage));
        }
        m.put("silver_view", TemporaryNames.of(name + "__silver"));
        m.put("events", TemporaryNames.source(name));
        m.put("versions", TemporaryNames.versions(name));
        m.put("silver", tables.physical(TableNames.silver(name)));
        m.put("late", tables.physical(TableNames.late(name)));
        m.put("quarantine", tables.physical(TableNames.quarantine(name)));
        m.put("columns", columns(source));
        m.put("rawColumns", rawColumns(source));
        m.put("metaColumns", metaColumns(source));
        m.put("rowChecks", rowChecks.of(spec));
        m.put("timeColumn", FlinkSqlText.identifier(timeColumn));
        m.put("onTimeColumns", onTimeColumns(source, timeColumn));
        m.put("eventTime", FlinkSqlText.identifier(et));
        // a CDC version's event time is its change time (deletes aside, which are not events): the watermarked
        // column takes the event time's name, so temporal joins AS OF it and the versioned view order by it
        m.put("eventColumns", source.columns().stream().map(Column::name)
                .map(c -> cdc && c.equals(et) ? "_change_time AS " + FlinkSqlText.identifier(c) : FlinkSqlText.identifier(c)).toList());
        spec.lateness().ifPresent(l -> {
            m.put("latenessText", Durations.format(l.value()));
            // snapshot rows (op r) arrive long after their event time by nature: never late
            m.put("lateCondition", (cdc ? "_op <> 'r' AND " : "")
                    + FlinkTime.moreThanAfter("_arrival_time", FlinkSqlText.identifier(timeColumn), l.value()));
        });
        spec.dedup().ifPresent(d -> {
            Map<String, Object> dedup = new LinkedHashMap<>();
            dedup.put("keys", d.key().stream().map(Located::value).toList());
            dedup.put("withinText", Durations.format(d.within().value()));
            // FSC_DEDUP's rowtime column is the time attribute on_time named: the event time, still watermarked
            dedup.put("columns", onTimeNames(source).stream()
                    .map(c -> c.equals(timeColumn) ? "rowtime AS " + FlinkSqlText.identifier(c) : FlinkSqlText.identifier(c)).toList());
            m.put("dedup", dedup);
        });
        if (cdc) {
            m.put("primaryKey", spec.primaryKey().stream().map(Located::value).toList());
        }
        return templates.statements("silver.sql.ftl", m);
    }

    private List<Map<String, String>> columns(Source source) {
        boolean cdc = isCdc(source);
        List<Map<String, String>> out = new ArrayList<>();
        for (Column c : source.columns()) {
            String type = FlinkTypes.of(c.sqlType());
            String raw = cdc ? "JSON_VALUE(_image, '$." + c.name() + "')" : FlinkSqlText.identifier(c.name());
            Map<String, String> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("type", type);
            col.put("sqlType", c.sqlType());
            col.put("raw", raw);
            col.put("typed", typed(raw, type, cdc));
            SourceSpec.Pii pii = source.spec().column(c.name()).flatMap(SourceSpec.ColumnSpec::pii).orElse(null);
            col.put("silverType", pii == SourceSpec.Pii.HASH ? "STRING" : type);
            col.put("silverExpr", pii == null ? FlinkSqlText.identifier(c.name())
                    : pii == SourceSpec.Pii.HASH ? "SHA256(CONCAT('" + project + ":', CAST(" + FlinkSqlText.identifier(c.name()) + " AS STRING)))"
                    : "CAST(NULL AS " + type + ")");
            out.add(col);
        }
        return out;
    }

    /** Reading one raw text value as its type; Debezium writes timestamps as epoch milliseconds, dates as epoch days. */
    private static String typed(String raw, String type, boolean cdc) {
        if (type.equals("TIMESTAMP(3)")) {
            return cdc ? FlinkTime.parseEpochMillis(raw) : FlinkTime.parseIso(raw);
        }
        if (cdc && type.equals("DATE")) {
            return FlinkTime.parseEpochDays(raw);
        }
        return type.equals("STRING") ? raw : "TRY_CAST(" + raw + " AS " + type + ")";
    }

    private static List<String> rawColumns(Source source) {
        if (isCdc(source)) {
            return CDC_RAW;
        }
        List<String> raw = new ArrayList<>(source.columns().stream().map(Column::name).toList());
        raw.add("_arrival_time");
        return raw;
    }

    private static List<Map<String, String>> metaColumns(Source source) {
        List<Map<String, String>> meta = new ArrayList<>();
        if (isCdc(source)) {
            meta.add(Map.of("name", "_op", "type", "STRING", "expr", "op"));
            meta.add(Map.of("name", "_lsn", "type", "BIGINT", "expr", "TRY_CAST(lsn AS BIGINT)"));
            meta.add(Map.of("name", "_change_time", "type", "TIMESTAMP(3)", "expr", "_change"));
        }
        meta.add(Map.of("name", "_arrival_time", "type", "TIMESTAMP(3)", "expr", "_arrival"));
        return meta;
    }

    /** Columns of the on-time records, in silver's order. */
    private static List<String> onTimeNames(Source source) {
        List<String> names = new ArrayList<>(source.columns().stream().map(Column::name).toList());
        metaColumns(source).forEach(c -> names.add(c.get("name")));
        names.add("ds");
        return names;
    }

    /** The on-time projection: the time column is the input's watermarked time (equal to it for every valid record). */
    private static List<String> onTimeColumns(Source source, String timeColumn) {
        return onTimeNames(source).stream()
                .map(c -> c.equals(timeColumn) ? "_rowtime AS " + FlinkSqlText.identifier(c) : FlinkSqlText.identifier(c)).toList();
    }

    private static Map<String, String> expr(String name, String expr) {
        return Map.of("name", name, "expr", expr);
    }

    private static Map<String, String> column(String name, String type) {
        return Map.of("name", name, "type", type);
    }
}
