package dev.fsc.e2e.oracle;

import java.util.Map;

/**
 * One event a feature, label or spine reads: a row of column values, its event time and its
 * arrival time (both epoch milliseconds, UTC).
 */
record Event(Map<String, Object> row, long time, long arrival) {
    Object get(String column) {
        return row.get(column);
    }
}
