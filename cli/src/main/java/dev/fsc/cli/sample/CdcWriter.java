package dev.fsc.cli.sample;

import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A CDC source as Debezium change events, one JSON envelope per line, the way the PostgreSQL connector
 * writes them with {@code decimal.handling.mode=string}: {@code op} r (initial snapshot), c, u, d;
 * {@code before} and {@code after} rows (full before images, as with REPLICA IDENTITY FULL); a
 * {@code source} block with the commit's {@code ts_ms} and a strictly increasing {@code lsn}; and the
 * top-level {@code ts_ms}, when the connector read the change (the arrival time).
 */
final class CdcWriter {
    static final String DEBEZIUM_VERSION = "2.7.3.Final";

    private record Change(int phase, long commit, int seq, String op, Object[] before, Object[] after) {
    }

    private final GeneratorOptions options;

    CdcWriter(GeneratorOptions options) {
        this.options = options;
    }

    FileReport write(Source source, RowFactory factory, List<CdcTimeline.RowPlan> plans, Path file, String shownPath) {
        SourceSpec spec = source.spec();
        SplittableRandom rng = Draw.random(options.seed(), "cdc:" + source.name());
        List<Change> changes = new ArrayList<>();
        long snapshots = 0;
        long creates = 0;
        long updates = 0;
        long deletes = 0;
        for (int i = 0; i < plans.size(); i++) {
            CdcTimeline.RowPlan plan = plans.get(i);
            long[] versions = plan.versions();
            Object[] row = factory.create(rng, versions[0], i, plan.snapshot());
            if (plan.snapshot()) {
                changes.add(new Change(0, options.windowStart(), changes.size(), "r", null, row));
                snapshots++;
            } else {
                changes.add(new Change(1, versions[0] + rng.nextInt(20), changes.size(), "c", null, row));
                creates++;
            }
            for (int v = 1; v < versions.length; v++) {
                Object[] next = factory.update(rng, row, versions[v]);
                changes.add(new Change(1, versions[v] + rng.nextInt(20), changes.size(), "u", row, next));
                row = next;
                updates++;
            }
            if (plan.deleteAt() >= 0) {
                changes.add(new Change(1, plan.deleteAt(), changes.size(), "d", row, null));
                deletes++;
            }
        }
        changes.sort(Comparator.comparingInt(Change::phase).thenComparingLong(Change::commit).thenComparingInt(Change::seq));

        long lateness = spec.lateness().map(l -> l.value().toMillis()).orElse(-1L);
        int eventTime = factory.eventTimeIndex();
        String[] table = table(spec);
        String topicPrefix = topicPrefix(spec, table);
        String database = spec.connection().flatMap(SourceSpec.Connection::database).map(Located::value).orElse("postgres");
        List<String> names = factory.columnNames();
        long lsn = 33_554_432L + rng.nextInt(1 << 20);
        long previousLsn = -1;
        long txId = 700 + rng.nextInt(1000);
        long arrival = Long.MIN_VALUE;
        long late = 0;
        long snapshotSeen = 0;
        try (LineFile out = new LineFile(file)) {
            StringBuilder text = new StringBuilder(512);
            for (Change change : changes) {
                long commitTs = change.phase() == 0 ? options.windowStart() : change.commit();
                long lag = Draw.between(rng, 100, 1_500);
                if (lateness >= 0 && change.phase() == 1 && rng.nextDouble() < StreamWriter.LATE_SHARE) {
                    lag += lateness + Draw.between(rng, 1_000, 600_000);
                }
                arrival = Math.max(arrival, commitTs + lag);
                Object[] image = change.after() != null ? change.after() : change.before();
                long event = eventTime >= 0 && change.after() != null ? ((Instant) image[eventTime]).toEpochMilli() : commitTs;
                if (lateness >= 0 && change.phase() == 1 && arrival - event > lateness) {
                    late++;
                }
                String snapshot = "false";
                if (change.phase() == 0) {
                    snapshotSeen++;
                    snapshot = snapshotSeen == snapshots ? "last" : snapshotSeen == 1 ? "first" : "true";
                }
                Map<String, Object> sourceBlock = new LinkedHashMap<>();
                sourceBlock.put("version", DEBEZIUM_VERSION);
                sourceBlock.put("connector", "postgresql");
                sourceBlock.put("name", topicPrefix);
                sourceBlock.put("ts_ms", commitTs);
                sourceBlock.put("snapshot", snapshot);
                sourceBlock.put("db", database);
                sourceBlock.put("sequence", "[" + (previousLsn < 0 ? "null" : "\"" + previousLsn + "\"") + ",\"" + lsn + "\"]");
                sourceBlock.put("schema", table[0]);
                sourceBlock.put("table", table[1]);
                sourceBlock.put("txId", txId);
                sourceBlock.put("lsn", lsn);
                sourceBlock.put("xmin", null);
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("before", rowMap(names, change.before()));
                envelope.put("after", rowMap(names, change.after()));
                envelope.put("source", sourceBlock);
                envelope.put("op", change.op());
                envelope.put("ts_ms", arrival);
                envelope.put("transaction", null);
                text.setLength(0);
                JsonOut.object(text, envelope, JsonOut.Style.DEBEZIUM);
                out.line(text);
                previousLsn = lsn;
                lsn += Draw.between(rng, 64, 4_096);
                txId += 1 + rng.nextInt(3);
            }
            out.commit();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", (long) plans.size());
        details.put("primary_key", spec.primaryKey().stream().map(Located::value).toList());
        details.put("snapshot", snapshots);
        details.put("creates", creates);
        details.put("updates", updates);
        details.put("deletes", deletes);
        if (lateness >= 0) {
            details.put("lateness", Durations.format(spec.lateness().get().value()));
            details.put("late", late);
        }
        if (factory.unsatisfied() > 0) {
            details.put("rows_failing_checks", (long) factory.unsatisfied());
        }
        return new FileReport(source.name(), "cdc", shownPath, changes.size(), details);
    }

    private static Map<String, Object> rowMap(List<String> names, Object[] row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), row[i]);
        }
        return map;
    }

    /** {@code [schema, table]} from {@code cdc.table} ({@code public.orders}); the source's name if absent. */
    private static String[] table(SourceSpec spec) {
        String qualified = spec.connection().flatMap(SourceSpec.Connection::table).map(Located::value).orElse(spec.name().value());
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? new String[] {"public", qualified} : new String[] {qualified.substring(0, dot), qualified.substring(dot + 1)};
    }

    /** Debezium's server name: the topic minus {@code .schema.table} ({@code pg.public.orders} -> {@code pg}). */
    private static String topicPrefix(SourceSpec spec, String[] table) {
        String topic = spec.connection().flatMap(SourceSpec.Connection::topic).orElse("");
        String suffix = "." + table[0] + "." + table[1];
        if (topic.endsWith(suffix) && topic.length() > suffix.length()) {
            return topic.substring(0, topic.length() - suffix.length());
        }
        int dot = topic.indexOf('.');
        return dot > 0 ? topic.substring(0, dot) : topic.isEmpty() ? "fsc" : topic;
    }
}
