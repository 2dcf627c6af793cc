package dev.fsc.bench.pit;

/**
 * Strategy (C): DuckDB's {@code ASOF LEFT JOIN}: per probe row, the build row of the same key with the greatest
 * ts &lt;= t. DuckDB has no tiebreak column here, which is why the generated build ts are unique (see
 * {@link DataGen}); with a TTL the found row is dropped when older than t - ttl.
 */
public final class DuckDbAsof {
    private DuckDbAsof() {
    }

    /** Returns (pid, value). */
    public static String sql(boolean ttl) {
        String value = ttl ? "CASE WHEN b.ts >= p.t - INTERVAL " + Scenario.TTL_DAYS + " DAY THEN b.value END" : "b.value";
        return """
                SELECT p.pid, %s AS value
                FROM probe p
                ASOF LEFT JOIN build b ON p.key = b.key AND p.t >= b.ts""".formatted(value);
    }
}
