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
        m.put("binned_join", Checksum.wrapWindow(binnedJoin()));
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
        return mergePartials("", partials);
    }

    /** The same, with more CTEs (ending in a comma) that the partials read. */
    private static String mergePartials(String ctes, String partials) {
        return """
                WITH %s,
                %s,
                %s
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
                JOIN merged m ON m.key = q.key AND m.t = q.t""".formatted(tiles(), PROBE_POINTS, ctes.isEmpty() ? "" : ctes + ",", partials);
    }

    /**
     * fsc's shape as DatasetSql generates it for counts and exact sums (golden dataset_ranking_training.approved.sql):
     * the whole tiles in [floor_g(t) − W, floor_g(t)) as running sums over the key's tiles in time order — each tile
     * adds its partials at its start and takes them back W later, and each probe's tile, sorted before the tiles
     * starting with it, reads the sums — plus the head events in [floor_g(t), t] joined on their tile. A sum is
     * NULL when no tile in the window had a value, so the running rows also count those tiles. No join fans a
     * probe out to its window's tiles.
     */
    static String fscAsGenerated() {
        String running = """
                running AS (
                  SELECT key, tile_start, n__count, CASE WHEN total__values > 0 THEN total__sum END AS total__sum
                  FROM (
                    SELECT key, tile_start, step, SUM(total__sum) OVER running AS total__sum,
                      SUM(total__values) OVER running AS total__values, SUM(n__count) OVER running AS n__count
                    FROM (
                      SELECT x.key, x.tile_start, 1 AS step, x.value__sum AS total__sum,
                        CASE WHEN x.value__sum IS NULL THEN 0 ELSE 1 END AS total__values, x.events AS n__count
                      FROM tiles x
                      LEFT SEMI JOIN probe_points p ON p.key = x.key
                      UNION ALL
                      SELECT x.key, x.tile_start + %1$s, 1, -x.value__sum, CASE WHEN x.value__sum IS NULL THEN 0 ELSE -1 END, -x.events
                      FROM tiles x
                      LEFT SEMI JOIN probe_points p ON p.key = x.key
                      UNION ALL
                      SELECT DISTINCT key, %2$s, 0, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)
                      FROM probe_points
                    )
                    WINDOW running AS (PARTITION BY key ORDER BY tile_start, step ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                  )
                  WHERE step = 0
                )""".formatted(W, "date_trunc('" + WindowScenario.TILE_UNIT + "', t)");
        return mergePartials(running, """
                  SELECT p.key, p.t, r.total__sum AS value__sum, r.n__count AS events
                  FROM probe_points p
                  JOIN running r ON r.key = p.key AND r.tile_start = %s
                  UNION ALL
                %s""".formatted(TILE_OF_T, headByTile()));
    }

    /**
     * fsc's generated shape before the running sums (still its shape for min, max, last, count_distinct and
     * floating-point sums): whole tiles in [floor_g(t) − W, floor_g(t)) and the head
     * events in [floor_g(t), t]. Spark has no range join, so neither is joined on the key alone: the tiles also
     * on bins W wide (each probe exploded into the ≤ 2 bins its range touches, the time bounds kept as a filter),
     * the head events on their tile. A probe meets ≤ 2 W of its key's tiles and one tile of its events.
     */
    static String binnedJoin() {
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
