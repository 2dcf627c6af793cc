package dev.fsc.e2e.oracle;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bronze → silver for one source (docs/batch-semantics.md §1–2): picks the records the runs of the
 * days read, then types, checks, routes late records, deduplicates and protects PII, in that order.
 */
final class SilverBuilder {
    private final SourceDef def;
    private final DayRange days;
    private final String project;
    private int read;
    private int quarantined;
    private int late;

    private SilverBuilder(SourceDef def, DayRange days, String project) {
        this.def = def;
        this.days = days;
        this.project = project;
    }

    /** @param lines the source's input records as parsed JSON objects, in file order */
    static SilverSource build(SourceDef def, List<Map<String, Object>> lines, DayRange days, String project) {
        return new SilverBuilder(def, days, project).build(lines);
    }

    private SilverSource build(List<Map<String, Object>> lines) {
        List<SilverSource.Record> onTime = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            SilverSource.Record typed = def.isCdc() ? readChange(line) : readRecord(line);
            if (typed != null && !isLate(typed)) {
                onTime.add(typed);
            }
        }
        List<SilverSource.Record> kept = def.dedup() == null ? onTime : dedup(onTime, def.dedup());
        List<SilverSource.Record> silver = new ArrayList<>(kept.size());
        for (SilverSource.Record r : kept) {
            silver.add(r.delete() ? r : new SilverSource.Record(protect(r.row()), r.time(), r.arrival(), false, r.lsn()));
        }
        return new SilverSource(def, silver, new SilverSource.Stats(read, quarantined, late, onTime.size() - kept.size()));
    }

    /**
     * A stream or batch record: null when it does not belong to the days or is quarantined. Arrival
     * is {@code _arrival_time}, else the event time.
     */
    private SilverSource.Record readRecord(Map<String, Object> line) {
        Long time = timestamp(line.get(def.eventTime), false);
        Long arrival = line.get("_arrival_time") == null ? time : timestamp(line.get("_arrival_time"), false);
        // A record without a readable event time belongs to its arrival day; it is quarantined either way.
        Long day = time != null ? time : arrival;
        if (day == null || !days.contains(day)) {
            return null;
        }
        read++;
        if (time == null || arrival == null) {
            quarantined++;
            return null;
        }
        Map<String, Object> row = typeAndCheck(line, def.columns().keySet().stream().toList(), false, true);
        return row == null ? null : new SilverSource.Record(row, time, arrival, false, 0);
    }

    /**
     * A Debezium change event: null when the runs do not read it or it is quarantined. Its change
     * time is {@code after.<event_time>} (c/u/r) or {@code source.ts_ms} (d); the runs read changes
     * of the days plus snapshot rows ({@code op = r}) from before the first day.
     */
    @SuppressWarnings("unchecked")
    private SilverSource.Record readChange(Map<String, Object> line) {
        String op = (String) line.get("op");
        Map<String, Object> source = (Map<String, Object>) line.get("source");
        boolean delete = "d".equals(op);
        Map<String, Object> image = (Map<String, Object>) line.get(delete ? "before" : "after");
        Long time = delete ? (Long) source.get("ts_ms") : image == null ? null : timestamp(image.get(def.eventTime), true);
        Long arrival = (Long) line.get("ts_ms");
        Long day = time != null ? time : arrival;
        if (day == null || days.isAfterLastDay(day) || !(days.contains(day) || "r".equals(op))) {
            return null;
        }
        read++;
        if (time == null || arrival == null || image == null || !List.of("c", "u", "r", "d").contains(op)) {
            quarantined++;
            return null;
        }
        // A delete carries its key in the before-image; deletes are not row-checked.
        List<String> columns = delete ? def.primaryKey : def.columns().keySet().stream().toList();
        Map<String, Object> row = typeAndCheck(image, columns, true, !delete);
        long lsn = source.get("lsn") instanceof Long l ? l : 0L;
        return row == null ? null : new SilverSource.Record(row, time, arrival, delete, lsn);
    }

    private Long timestamp(Object raw, boolean debezium) {
        try {
            Object ts = ColumnType.TIMESTAMP.read(raw, debezium);
            return ts == null ? null : Times.millis((LocalDateTime) ts);
        } catch (ColumnType.CannotRead e) {
            return null;
        }
    }

    /** Steps 1–2: the typed row, or null (counted as quarantined) when a value does not read or a check fails. */
    private Map<String, Object> typeAndCheck(Map<String, Object> raw, List<String> columns, boolean debezium, boolean check) {
        Map<String, Object> row = new LinkedHashMap<>();
        try {
            for (String c : columns) {
                row.put(c, def.columns().get(c).read(raw.get(c), debezium));
            }
        } catch (ColumnType.CannotRead e) {
            quarantined++;
            return null;
        }
        if (check && def.checks().stream().anyMatch(rc -> rc.fails(row))) {
            quarantined++;
            return null;
        }
        return row;
    }

    /** Step 3: arrival more than {@code lateness} after the event time; exactly {@code lateness} is on time. */
    private boolean isLate(SilverSource.Record r) {
        Duration lateness = def.lateness();
        if (lateness != null && r.arrival() - r.time() > lateness.toMillis()) {
            late++;
            return true;
        }
        return false;
    }

    /**
     * Step 4: per dedup key, in arrival order (ties: event time, then the column values in
     * declaration order, NULL first), a record is kept when nothing was kept for its key yet or it
     * arrives more than {@code within} after the latest kept one.
     */
    private List<SilverSource.Record> dedup(List<SilverSource.Record> records, SourceDef.Dedup dedup) {
        Comparator<SilverSource.Record> arrivalOrder = Comparator.comparingLong(SilverSource.Record::arrival)
                .thenComparingLong(SilverSource.Record::time);
        for (String c : def.columns().keySet()) {
            arrivalOrder = arrivalOrder.thenComparing(r -> r.row().get(c), Comparator.nullsFirst(Sql::compare));
        }
        List<SilverSource.Record> sorted = new ArrayList<>(records);
        sorted.sort(arrivalOrder);
        Map<List<Object>, Long> lastKeptArrival = new HashMap<>();
        List<SilverSource.Record> kept = new ArrayList<>();
        for (SilverSource.Record r : sorted) {
            List<Object> key = Keys.of(r.row(), dedup.key());
            Long last = lastKeptArrival.get(key);
            if (last == null || r.arrival() - last > dedup.within().toMillis()) {
                lastKeptArrival.put(key, r.arrival());
                kept.add(r);
            }
        }
        return kept;
    }

    /** Step 5: {@code hash} → sha2('<project>:' || CAST(value AS STRING), 256); {@code drop}, {@code encrypt} → NULL. */
    private Map<String, Object> protect(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        for (String c : row.keySet()) {
            SourceDef.Pii pii = def.pii(c);
            if (pii == SourceDef.Pii.HASH) {
                Object v = row.get(c);
                out.put(c, v == null ? null : Sql.sha256Hex(project + ":" + castToString(v)));
            } else if (pii != null) {
                out.put(c, null);
            }
        }
        return out;
    }

    /** CAST(value AS STRING) for the types the examples hash (VARCHAR and integers). */
    private static String castToString(Object v) {
        if (v instanceof String || v instanceof Long) {
            return v.toString();
        }
        throw new IllegalArgumentException("hashing a " + v.getClass().getSimpleName() + " column is not modelled");
    }
}
