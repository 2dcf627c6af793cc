package dev.fsc.e2e.oracle;

import java.util.List;
import java.util.Map;

/** The silver records of one source, as the run of days {@code from..to} leaves them. */
final class SilverSource {
    /**
     * A silver record: a stream or batch row, or a CDC change. For a change, {@code time} is its
     * change time and a delete's {@code row} holds only the primary key.
     */
    record Record(Map<String, Object> row, long time, long arrival, boolean delete, long lsn) {
    }

    /** What the bronze → silver rules did with the records that belong to the days. */
    record Stats(int read, int quarantined, int late, int duplicates) {
    }

    final SourceDef def;
    final List<Record> records;
    final Stats stats;
    private final List<Event> events;
    private CdcTable table;

    SilverSource(SourceDef def, List<Record> records, Stats stats) {
        this.def = def;
        this.records = List.copyOf(records);
        this.stats = stats;
        // docs §3: a CDC source's events are its c/u/r versions; deletes are not events.
        this.events = this.records.stream().filter(r -> !r.delete())
                .map(r -> new Event(r.row(), r.time(), r.arrival())).toList();
    }

    /** Every silver event: stream and batch rows, or the after-images of a CDC source's changes. */
    List<Event> events() {
        return events;
    }

    /** The row versions of a CDC source, for FOR SYSTEM_TIME AS OF. */
    CdcTable table() {
        if (!def.isCdc()) {
            throw new IllegalStateException(def.name + " is not a CDC source");
        }
        if (table == null) {
            table = new CdcTable(def.primaryKey, records);
        }
        return table;
    }
}
