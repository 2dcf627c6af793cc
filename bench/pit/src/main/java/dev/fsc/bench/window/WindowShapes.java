package dev.fsc.bench.window;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.fsc.bench.pit.Checksum;

/**
 * The windowed-aggregate strategies, each a Spark SQL query over {@code events} (key, ts, seq, value) and
 * {@code probes} (pid, key, t) returning (pid, total, n): SUM(value) and COUNT(*) over the probe's key's events
 * in its window. Two semantics (bench/README.md, "window"):
 *
 * <ul>
 * <li><b>exact</b>: t − W &lt;= ts &lt;= t — what Spark's {@code RANGE} frame computes;
 * <li><b>sawtooth</b>: floor_g(t − W) &lt;= ts &lt;= t — fsc's contract (docs/batch-semantics.md): whole tiles
 * back to the one holding t − W, plus the head events of t's own tile. W is a multiple of g, so
 * floor_g(t − W) = floor_g(t) − W.
 * </ul>
 *
 * Every fsc strategy computes its tiles from the raw events inside the timed query (a backfill from scratch);
 * in a daily job the tiles are a table written once and shared by every window and dataset.
 */
public final class WindowShapes {
    private WindowShapes() {
    }

    private static final String W = "INTERVAL " + WindowScenario.WINDOW_MINUTES + " MINUTES";
    private static final String TILE_OF_T = "date_trunc('" + WindowScenario.TILE_UNIT + "', p.t)";

    /** Strategies whose results follow the exact window; all others are sawtooth. */
    public static boolean exact(String strategy) {
        return strategy.equals("naive") || strategy.equals("brute_exact");
    }

    /** Every strategy, by name, wrapped in the window checksum. */
    public static Map<String, String> all(WindowScenario s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("naive", Checksum.wrapWindow(naiveRange(s.probeEvery())));
        m.put("fsc", Checksum.wrapWindow(fscAsGenerated()));
        m.put("prefix", Checksum.wrapWindow(tilePrefixSums()));
        m.put("events_running", Checksum.wrapWindow(eventsRunningSum()));
        m.put("brute_exact", Checksum.wrapWindow(bruteForce(false)));
        m.put("brute_sawtooth", Checksum.wrapWindow(bruteForce(true)));
        return m;
    }

    /**
     * The naive baseline: a RANGE window over every raw event, keeping the probe rows (every probeEvery-th event,
     * so no join is needed: it gets its probes for free). Spark's sliding frame re-aggregates the whole frame for
     * every row (its frames do not retract), so the cost is events × rows per frame.
     */
    static String naiveRange(int probeEvery) {
        return """
                SELECT seq DIV %d AS pid, total, n
                FROM (
                  SELECT seq, SUM(value) OVER w AS total, COUNT(*) OVER w AS n
                  FROM events
                  WINDOW w AS (PARTITION BY key ORDER BY ts RANGE BETWEEN %s PRECEDING AND CURRENT ROW)
                ) x
                WHERE seq %% %d = 0""".formatted(probeEvery, W, probeEvery);
    }

    /** The (key, t) pairs asked about, once each (fsc's generated SQL takes them DISTINCT from the spine). */
    private static final String PROBE_POINTS = """
            probe_points AS (
              SELECT DISTINCT key, t FROM probes
            )""";

    /** The tiles of g, from the raw events: GROUP BY (key, floor_g(ts)), as fsc's tiles_*.sql. */
    private static String tiles() {
        return """
                tiles AS (
                  SELECT key, date_trunc('%s', ts) AS tile_start, SUM(value) AS value__sum, COUNT(*) AS events
                  FROM events
                  GROUP BY key, date_trunc('%s', ts)
                )""".formatted(WindowScenario.TILE_UNIT, WindowScenario.TILE_UNIT);
    }

    /** The head: events of the probe's own tile up to t, equi-joined on that tile (no key-wide fan-out). */
    private static String headByTile() {
        return """
                  SELECT p.key, p.t, SUM(e.value) AS value__sum, COUNT(*) AS events
                  FROM probe_points p
                  JOIN events e
                    ON e.key = p.key AND date_trunc('%s', e.ts) = %s AND e.ts <= p.t
                  GROUP BY p.key, p.t""".formatted(WindowScenario.TILE_UNIT, TILE_OF_T);
    }

    /** Partial rows (key, t, value__sum, events) per probe point merged into the window's total and count. */
    private static String mergePartials(String partials) {
        return """
                WITH %s,
                %s,
                partials AS (
                %s
                ),
                merged AS (
                  SELECT p.key, p.t, SUM(x.value__sum) AS total, COALESCE(SUM(x.events), 0) AS n
                  FROM probe_points p
                  LEFT JOIN partials x ON x.key = p.key AND x.t = p.t
                  GROUP BY p.key, p.t
                )
                SELECT q.pid, m.total, m.n
                FROM probes q
                JOIN merged m ON m.key = q.key AND m.t = q.t""".formatted(tiles(), PROBE_POINTS, partials);
    }

    /**
     * fsc's shape as DatasetSql generates it (golden dataset_ranking_training.approved.sql): whole tiles in
     * [floor_g(t) − W, floor_g(t)) and the head events in [floor_g(t), t]. Spark has no range join, so neither is
     * joined on the key alone: the tiles also on bins W wide (each probe exploded into the ≤ 2 bins its range
     * touches, the time bounds kept as a filter), the head events on their tile. A probe meets ≤ 2 W of its key's
     * tiles and one tile of its events, whatever the key's history.
     */
    static String fscAsGenerated() {
        long binSeconds = WindowScenario.WINDOW_MINUTES * 60L;
        String lastTile = TILE_OF_T + " - INTERVAL 1 " + WindowScenario.TILE_UNIT + "S";
        return mergePartials("""
                  -- whole tiles before the probe's tile, back to W, joined on the key and the bins W wide it touches
                  SELECT p.key, p.t, x.value__sum, x.events
                  FROM (
                    SELECT p.key, p.t, explode(sequence(
                      unix_seconds(%1$s - %2$s) DIV %3$d,
                      unix_seconds(%4$s) DIV %3$d)) AS range_bin
                    FROM probe_points p
                  ) p
                  JOIN tiles x
                    ON x.key = p.key AND unix_seconds(x.tile_start) DIV %3$d = p.range_bin
                   AND x.tile_start < %1$s AND x.tile_start >= %1$s - %2$s
                  UNION ALL
                %5$s""".formatted(TILE_OF_T, W, binSeconds, lastTile, headByTile()));
    }

    /**
     * Prefix sums over tiles: with cum(x) the sum of the key's tiles starting before x, the whole tiles of the
     * window are cum(floor_g(t)) − cum(floor_g(t) − W). One running SUM computes that difference directly: each
     * tile enters at its start and leaves (negated) W later, and a probe point, sorted before the tiles at its
     * own tile's start, reads the running sum there — the union + running-window as-of shape of (A) in
     * bench/pit, with no fan-out. Plus the head events, joined on the tile as in {@link #fscAsGenerated}.
     */
    static String tilePrefixSums() {
        return """
                WITH %s,
                %s,
                tile_sums AS (
                  SELECT key, t, total, n
                  FROM (
                    SELECT key, t, is_probe, SUM(v) OVER running AS total, SUM(c) OVER running AS n
                    FROM (
                      SELECT key, CAST(NULL AS TIMESTAMP) AS t, tile_start AS at, 0 AS is_probe, value__sum AS v, events AS c
                      FROM tiles
                      UNION ALL
                      SELECT key, NULL, tile_start + %s, 0, -value__sum, -events FROM tiles
                      UNION ALL
                      SELECT key, t, date_trunc('%s', t), -1, NULL, NULL FROM probe_points
                    ) u
                    WINDOW running AS (PARTITION BY key ORDER BY at, is_probe ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                  ) w
                  WHERE is_probe = -1
                ),
                head AS (
                %s
                )
                SELECT q.pid, coalesce(s.total, 0) + coalesce(h.value__sum, 0) AS total,
                       coalesce(s.n, 0) + coalesce(h.events, 0) AS n
                FROM probes q
                JOIN tile_sums s ON s.key = q.key AND s.t = q.t
                LEFT JOIN head h ON h.key = q.key AND h.t = q.t""".formatted(tiles(), PROBE_POINTS, W, WindowScenario.TILE_UNIT,
                headByTile());
    }

    /**
     * One running SUM over the raw events themselves, minus each tile once it is wholly older than the window:
     * a tile leaves at tile_start + W + g, the first instant t with floor_g(t) − W past it. A probe, sorted after
     * events and leaving tiles at its own instant, reads ts &lt;= t minus ts &lt; floor_g(t) − W. No join at all
     * (the probe row carries its pid), one sort of events + tiles + probes by key and time.
     */
    static String eventsRunningSum() {
        String leave = "INTERVAL " + (WindowScenario.WINDOW_MINUTES + 1) + " MINUTES";
        return """
                WITH %s
                SELECT pid, total, n
                FROM (
                  SELECT pid, is_probe, SUM(v) OVER running AS total, SUM(c) OVER running AS n
                  FROM (
                    SELECT key, ts AS at, 0 AS is_probe, value AS v, 1 AS c, CAST(NULL AS BIGINT) AS pid FROM events
                    UNION ALL
                    SELECT key, tile_start + %s, 0, -value__sum, -events, NULL FROM tiles
                    UNION ALL
                    SELECT key, t, 1, NULL, NULL, pid FROM probes
                  ) u
                  WINDOW running AS (PARTITION BY key ORDER BY at, is_probe ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                ) w
                WHERE is_probe = 1""".formatted(tiles(), leave);
    }

    /** The check: every probe joined to every event of its key in its window (small sizes only). */
    static String bruteForce(boolean sawtooth) {
        String lower = sawtooth ? TILE_OF_T + " - " + W : "p.t - " + W;
        return """
                SELECT p.pid, SUM(e.value) AS total, COUNT(e.value) AS n
                FROM probes p
                LEFT JOIN events e ON e.key = p.key AND e.ts <= p.t AND e.ts >= %s
                GROUP BY p.pid""".formatted(lower);
    }
}
