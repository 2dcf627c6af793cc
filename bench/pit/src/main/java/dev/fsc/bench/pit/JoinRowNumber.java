package dev.fsc.bench.pit;

/**
 * Strategy (B), the pattern of Feast's offline stores (e.g. its Spark and BigQuery templates): LEFT JOIN every
 * probe row to all build rows of its key at or before t (and, with a TTL, not older than t - ttl), then keep
 * the newest per probe row with {@code ROW_NUMBER() ... = 1}. The join emits, per probe, every earlier build
 * row of its key: its cost grows with build rows per key times probe rows per key.
 */
public final class JoinRowNumber {
    private JoinRowNumber() {
    }

    /** Returns (pid, value). */
    public static String sql(boolean ttl) {
        String ttlCondition = ttl ? " AND b.ts >= p.t - INTERVAL " + Scenario.TTL_DAYS + " DAYS" : "";
        return """
                SELECT pid, value
                FROM (
                  SELECT p.pid, b.value,
                         ROW_NUMBER() OVER (PARTITION BY p.pid ORDER BY b.ts DESC, b.seq DESC) AS rn
                  FROM probe p
                  LEFT JOIN build b ON b.key = p.key AND b.ts <= p.t%s
                ) x
                WHERE rn = 1""".formatted(ttlCondition);
    }
}
