/**
 * Brute-force oracle for the examples' training datasets ({@link dev.fsc.e2e.oracle.Oracle}),
 * following docs/batch-semantics.md, independent of the production code.
 *
 * <p>Readings of the doc where it leaves room (the production path must agree, or one of the two
 * changes):
 * <ul>
 *   <li>Labels whose source is a CDC source read its c/u/r row versions as events (as feature views
 *       do, §3); deletes are not events.
 *   <li>A spine query over a CDC source (fraud_training) yields one row per c/u/r version matching
 *       its WHERE, so an update that leaves an order 'placed' is a second spine row.
 *   <li>CDC changes of op c/u before the first day are not read (§1: only snapshot rows are), so an
 *       as-of join cannot find a row created before the first day unless it came in the snapshot.
 *   <li>A delete is typed on its primary key only (from {@code before}); without a before-image, or
 *       with an unknown op, or without {@code source.ts_ms}, the change is quarantined.
 *   <li>Typing is strict on JSON types: BIGINT/INT from JSON integers (INT in range), DOUBLE from
 *       JSON numbers, VARCHAR from strings, BOOLEAN from booleans; DECIMAL from numbers or strings,
 *       with more integer digits than the precision allows → quarantine. Debezium DATE = epoch days.
 *       Timestamps with an offset other than Z/+00:00 are converted to UTC; digits beyond the
 *       millisecond are truncated. An unreadable {@code _arrival_time} quarantines the record.
 *   <li>Output rows are ordered by t (spine order for equal t); consumers should match rows by key.
 * </ul>
 *
 * <p>Comparing with Spark: {@code count_distinct} here is exact (Spark uses HyperLogLog); AVG and
 * SUM over DOUBLE are summed in event order here, so they may differ from Spark in the last bits.
 */
package dev.fsc.e2e.oracle;
