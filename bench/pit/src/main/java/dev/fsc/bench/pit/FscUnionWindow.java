package dev.fsc.bench.pit;

/**
 * Strategy (A), fsc's: UNION ALL the build rows and the probe rows into one relation (probe rows carry a NULL
 * value and is_probe = 1), run {@code last_value(value, true)} over the rows of each key in time order, keep the
 * probe rows. At equal ts the probe sorts after the build rows (a build row at ts = t counts); build rows that
 * tie on ts are ordered by their arrival ({@code seq}). One shuffle (by key), whatever the build:probe ratio; no
 * row is ever multiplied.
 *
 * <p>{@link Shape#PLAIN} is that, written the obvious way. It spends most of its CPU in Spark's sort: the window
 * needs rows ordered by (key, ts, is_probe, seq); Spark radix-sorts only single-column orders and keeps an 8-byte
 * prefix of the first column (key) beside each row pointer, so every comparison between two rows of the same key
 * (about log2(rows per key) per row) dereferences both rows and runs the generated comparator. Measured: 60-70% of
 * the query's CPU on 20 M rows (bench/pit/README.md).
 *
 * <p>{@link Shape#PRESORT}, the shape fsc should generate, adds a cheap pre-sort that makes the exact sort
 * almost free: {@code DISTRIBUTE BY key SORT BY <one BIGINT>} where that BIGINT is the top 20 bits of
 * {@code xxhash64(key)} above 44 bits of epoch milliseconds. A single BIGINT order is radix-sorted. The window
 * then partitions by {@code (xxhash64(key), key)}, so the exact order it needs, (hash, key, ts, is_probe, seq),
 * agrees with the pre-sorted order except where two keys share the hash's top 20 bits or two rows the same
 * millisecond; Spark's TimSort finds the input already (almost) in order and does about one comparison per row.
 * The pre-sort key only steers speed: results never depend on it (the exact sort still runs), so hash
 * collisions, pre-1970 or post-2527 timestamps cost time, never correctness. No extra shuffle: the window's
 * required distribution (h, key) is satisfied by the hash partitioning on key.
 *
 * <p>{@link Shape#PRUNE} and {@link Shape#COLLAPSE} also drop build rows no probe can see (see there); they help
 * when probes are few per key and cost an aggregation of the probe side and a broadcast join otherwise.
 *
 * <p>Caveat of {@code last_value(value, true)}: a build row whose value is NULL is skipped, not returned. Where a
 * NULL must win (a CDC attribute set to NULL), wrap the value in a struct:
 * {@code last_value(CASE WHEN is_probe = 0 THEN named_struct('v', value) END, true).v} ({@code struct = true}).
 */
public final class FscUnionWindow {
    private FscUnionWindow() {
    }

    public enum Shape {
        /** The union + window exactly as in the brief, no hints. */
        PLAIN,
        /**
         * PLAIN as Tempo (databrickslabs/tempo, its default UnionSortFilterAsOfJoiner) writes it: the same union
         * and running {@code last(..., ignorenulls)} over each key's rows, but ordered by one struct column
         * (ts, rec_ind: -1 build, 1 probe) instead of separate columns, with no seq tiebreak, and each value
         * wrapped in a struct (its NULL-keeping form). Only the sort key and the struct differ from PLAIN.
         */
        TEMPO,
        /** PLAIN plus the radix pre-sort (DISTRIBUTE BY key SORT BY hash-and-time BIGINT). The shape fsc generates. */
        PRESORT,
        /**
         * PRESORT over build rows pruned to keys that have probes and to ts &lt;= the key's last probe t (a broadcast
         * join with a per-key aggregate of the probe side).
         */
        PRUNE,
        /**
         * PRUNE, and the build rows before a key's first probe collapsed into their newest one (a hash/sort
         * aggregate), so the window sorts only rows between a key's first and last probe. Reads the build side twice.
         */
        COLLAPSE
    }

    /** The shape benchmarked as (A), and the one fsc should generate ({@link Shape#PRUNE}): returns (pid, value). */
    public static String sql(boolean ttl) {
        return sql(Shape.PRUNE, ttl, false);
    }

    public static String sql(Shape shape, boolean ttl, boolean structValue) {
        boolean struct = structValue || shape == Shape.TEMPO;
        String lastValue = struct
                ? "last_value(CASE WHEN is_probe = 0 THEN named_struct('v', value) END, true) OVER w"
                : "last_value(value, true) OVER w";
        String valueTs = ttl ? ",\n         last_value(CASE WHEN is_probe = 0 THEN ts END, true) OVER w AS value_ts" : "";
        String result = struct ? "value.v" : "value";
        String select = ttl
                ? "CASE WHEN value_ts >= ts - INTERVAL " + Scenario.TTL_DAYS + " DAYS THEN " + result + " END AS value"
                : result + " AS value";
        String buildRel = switch (shape) {
            case PLAIN, TEMPO, PRESORT -> "build";
            case PRUNE, COLLAPSE -> "kept";
        };
        String with = switch (shape) {
            case PLAIN, TEMPO, PRESORT -> "";
            case PRUNE -> ttl ? """
                    WITH probe_keys AS (SELECT key, min(t) AS min_t, max(t) AS max_t FROM probe GROUP BY key),
                    kept AS (
                      SELECT /*+ BROADCAST(k) */ b.key, b.ts, b.seq, b.value
                      FROM build b JOIN probe_keys k
                        ON b.key = k.key AND b.ts <= k.max_t AND b.ts >= k.min_t - INTERVAL %d DAYS
                    )
                    """.formatted(Scenario.TTL_DAYS) : """
                    WITH probe_keys AS (SELECT key, max(t) AS max_t FROM probe GROUP BY key),
                    kept AS (
                      SELECT /*+ BROADCAST(k) */ b.key, b.ts, b.seq, b.value
                      FROM build b JOIN probe_keys k ON b.key = k.key AND b.ts <= k.max_t
                    )
                    """;
            case COLLAPSE -> """
                    WITH probe_keys AS (SELECT key, min(t) AS min_t, max(t) AS max_t FROM probe GROUP BY key),
                    seen AS (
                      SELECT /*+ BROADCAST(k) */ b.key, b.ts, b.seq, b.value, k.min_t
                      FROM build b JOIN probe_keys k ON b.key = k.key AND b.ts <= k.max_t
                    ),
                    kept AS (
                      SELECT key, ts, seq, value FROM seen WHERE ts >= min_t
                      UNION ALL
                      SELECT key, r.ts, r.seq, r.value
                      FROM (SELECT key, max(struct(ts, seq, value)) AS r FROM seen WHERE ts < min_t GROUP BY key) first_rows
                    )
                    """;
        };
        String union = """
                SELECT key, ts, 0 AS is_probe, seq, value, CAST(NULL AS BIGINT) AS pid FROM %s
                UNION ALL
                SELECT key, t AS ts, 1 AS is_probe, CAST(NULL AS BIGINT) AS seq, CAST(NULL AS BIGINT) AS value, pid FROM probe""".formatted(buildRel);
        if (shape == Shape.PLAIN || shape == Shape.TEMPO) {
            String order = shape == Shape.TEMPO
                    ? "named_struct('ts', ts, 'rec_ind', CASE WHEN is_probe = 1 THEN 1 ELSE -1 END)"
                    : "ts, is_probe, seq";
            return with + """
                    SELECT pid, %s
                    FROM (
                      SELECT pid, ts, is_probe,
                             %s AS value%s
                      FROM (
                    %s
                      ) u
                      WINDOW w AS (PARTITION BY key ORDER BY %s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                    ) x
                    WHERE is_probe = 1""".formatted(select, lastValue, valueTs, union.indent(4).stripTrailing(), order);
        }
        return with + """
                SELECT pid, %s
                FROM (
                  SELECT pid, ts, is_probe,
                         %s AS value%s
                  FROM (
                    SELECT *
                    FROM (
                %s
                    ) u
                    DISTRIBUTE BY key
                    SORT BY shiftleft(shiftright(xxhash64(key), 44), 44) | (unix_millis(ts) & 17592186044415)
                  ) s
                  WINDOW w AS (PARTITION BY key ORDER BY ts, is_probe, seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                ) x
                WHERE is_probe = 1""".formatted(select, lastValue, valueTs, union.indent(4).stripTrailing());
    }
}
