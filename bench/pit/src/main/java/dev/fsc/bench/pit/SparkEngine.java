package dev.fsc.bench.pit;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark in local[2] mode. Timed per query: planning, Parquet scan and decode, shuffles, the window/join, and the
 * checksum aggregate, up to {@code collect()} of its one row. Not timed: session start and the first query ever.
 */
public final class SparkEngine implements Engine {
    private final SparkSession spark;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pit-timeout");
        t.setDaemon(true);
        return t;
    });
    private int group;

    public SparkEngine(int shufflePartitions) {
        SparkSession.Builder b = SparkSession.builder();
        // -Dpit.conf.spark.x=y sets spark.x=y (investigation aid)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("pit.conf."))
                .forEach(k -> b.config(k.substring("pit.conf.".length()), System.getProperty(k)));
        spark = b
                .master("local[2]")
                .appName("fsc-bench-pit")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    public SparkSession spark() {
        return spark;
    }

    @Override
    public void use(Scenario s, Path data) {
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW build USING parquet OPTIONS (path '" + s.buildDir(data) + "')");
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW probe USING parquet OPTIONS (path '" + s.probeDir(data) + "')");
    }

    @Override
    public Checksum run(String sql, double timeoutSeconds) throws Exception {
        Row r = one(sql, timeoutSeconds);
        return new Checksum(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3));
    }

    @Override
    public String runRaw(String sql, double timeoutSeconds) throws Exception {
        return one(sql, timeoutSeconds).toString();
    }

    private Row one(String sql, double timeoutSeconds) throws Exception {
        String g = "pit-" + (++group);
        spark.sparkContext().setJobGroup(g, g, true);
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> f = timer.schedule(() -> {
            cancelled.set(true);
            spark.sparkContext().cancelJobGroup(g);
        }, (long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        try {
            var df = spark.sql(sql);
            List<Row> rows = df.collectAsList();
            if (Boolean.getBoolean("pit.metrics")) {
                System.err.print(PlanMetrics.of(df.queryExecution().executedPlan()));
            }
            return rows.get(0);
        } catch (Exception ex) { // SparkException is checked in Java's eyes but thrown anyway
            if (cancelled.get()) {
                throw new TimeoutException();
            }
            throw ex;
        } finally {
            f.cancel(false);
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * Untimed facts of a scenario that explain (B)'s cost: rows its join emits, without and with the TTL, counted
     * with running counts (not by running the join): n(x) = build rows of the key with ts &lt;= x, taken at each
     * probe's t and, for the TTL, just before t - ttl (a "ghost" row that sorts before build rows at equal ts).
     */
    public String joinRows() {
        Row r = spark.sql("""
                SELECT sum(greatest(n, 1)), sum(greatest(n - n_before_ttl, 1)) FROM (
                  SELECT pid, max(CASE WHEN kind = 1 THEN n END) AS n, max(CASE WHEN kind = -1 THEN n END) AS n_before_ttl
                  FROM (
                    SELECT pid, kind,
                           count(CASE WHEN kind = 0 THEN 1 END) OVER (PARTITION BY h, key ORDER BY ts, kind
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n
                    FROM (
                      SELECT *, xxhash64(key) AS h FROM (
                        SELECT * FROM (
                          SELECT key, ts, 0 AS kind, CAST(NULL AS BIGINT) AS pid FROM build
                          UNION ALL SELECT key, t, 1, pid FROM probe
                          UNION ALL SELECT key, t - INTERVAL %d DAYS, -1, pid FROM probe
                        ) u DISTRIBUTE BY key
                        SORT BY shiftleft(shiftright(xxhash64(key), 44), 44) | (unix_millis(ts) & 17592186044415)
                      ) d
                    ) s
                  ) w
                  WHERE kind <> 0
                  GROUP BY pid
                ) x""".formatted(Scenario.TTL_DAYS)).first();
        Row k = spark.sql("SELECT max(c), count(*) FROM (SELECT key, count(*) AS c FROM build GROUP BY key) g").first();
        return "join_rows=" + r.getLong(0) + ";join_rows_ttl=" + r.getLong(1) + ";max_key_rows=" + k.getLong(0)
                + ";keys=" + k.getLong(1);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        spark.stop();
    }
}
