package dev.fsc.e2e.oracle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The row versions of a CDC source (docs/batch-semantics.md §3): per primary key, the changes in
 * (change time, lsn) order; each c/u/r after-image is valid from its event time until the change
 * time of the key's next change (the next version, or a delete); the last one stays open.
 */
final class CdcTable {
    record Version(Map<String, Object> row, long validFrom, long validTo) {
    }

    private final Map<List<Object>, List<Version>> versionsByKey = new HashMap<>();

    CdcTable(List<String> primaryKey, List<SilverSource.Record> changes) {
        Map<List<Object>, List<SilverSource.Record>> byKey = new HashMap<>();
        for (SilverSource.Record change : changes) {
            byKey.computeIfAbsent(Keys.of(change.row(), primaryKey), k -> new ArrayList<>()).add(change);
        }
        Comparator<SilverSource.Record> changeOrder = Comparator.comparingLong(SilverSource.Record::time)
                .thenComparingLong(SilverSource.Record::lsn);
        byKey.forEach((key, keyChanges) -> {
            keyChanges.sort(changeOrder);
            List<Version> versions = new ArrayList<>();
            for (int i = 0; i < keyChanges.size(); i++) {
                SilverSource.Record change = keyChanges.get(i);
                if (!change.delete()) {
                    long validTo = i + 1 < keyChanges.size() ? keyChanges.get(i + 1).time() : Long.MAX_VALUE;
                    versions.add(new Version(change.row(), change.time(), validTo));
                }
            }
            versionsByKey.put(key, versions);
        });
    }

    /** The version with validFrom <= t < validTo, or null: never existed, deleted, or a NULL key. */
    Map<String, Object> asOf(List<Object> key, long t) {
        if (Keys.hasNull(key)) {
            return null;
        }
        for (Version v : versionsByKey.getOrDefault(key, List.of())) {
            if (v.validFrom() <= t && t < v.validTo()) {
                return v.row();
            }
        }
        return null;
    }
}
