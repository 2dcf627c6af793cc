package dev.fsc.bench.window;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.fsc.bench.pit.DataGen;

/**
 * Deterministic events and probes; every column of event i is a pure function of (seed, i) (the generator of
 * {@link DataGen}), so the data do not depend on how Spark splits the work.
 *
 * <p>Event i: {@code key} = i mod keys; {@code ts} uniform over the scenario's hours from 2026-01-01T00:00Z, in
 * microseconds (so a key sees about eventsPerWindow events in any hour; ts may tie, and a tie is inside the
 * window on both sides: ts &lt;= t); {@code seq} = i; {@code value} in [0, 1000). Probe j is event
 * j * probeEvery: {@code pid} = j and its (key, ts) as (key, t).
 */
public final class WindowData implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long START_MICROS = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z

    private final WindowScenario s;

    public WindowData(WindowScenario s) {
        this.s = s;
    }

    long key(long i) {
        return i % s.keys();
    }

    long ts(long i) {
        return START_MICROS + Math.floorMod(DataGen.mix(12, i), s.hours() * 3_600_000_000L);
    }

    long value(long i) {
        return Math.floorMod(DataGen.mix(13, i), 1000L);
    }

    /** Writes the events and probes Parquet folders unless they already exist (a {@code _SUCCESS} file). */
    public static void writeIfMissing(SparkSession spark, WindowScenario s, Path data) throws IOException {
        WindowData g = new WindowData(s);
        int files = (int) Math.max(1, Math.min(8, s.events() / 1_000_000));
        Path events = s.eventsDir(data);
        if (!Files.exists(events.resolve("_SUCCESS"))) {
            StructType schema = new StructType()
                    .add("key", DataTypes.LongType, false).add("ts", DataTypes.LongType, false)
                    .add("seq", DataTypes.LongType, false).add("value", DataTypes.LongType, false);
            Dataset<Row> rows = spark.range(0, s.events(), 1, files).map((MapFunction<Long, Row>) i ->
                    RowFactory.create(g.key(i), g.ts(i), i, g.value(i)), Encoders.row(schema));
            write(rows.selectExpr("key", "timestamp_micros(ts) AS ts", "seq", "value"), events);
        }
        Path probes = s.probesDir(data);
        if (!Files.exists(probes.resolve("_SUCCESS"))) {
            StructType schema = new StructType()
                    .add("pid", DataTypes.LongType, false).add("key", DataTypes.LongType, false)
                    .add("t", DataTypes.LongType, false);
            long every = s.probeEvery();
            Dataset<Row> rows = spark.range(0, s.probes(), 1, files).map((MapFunction<Long, Row>) j ->
                    RowFactory.create(j, g.key(j * every), g.ts(j * every)), Encoders.row(schema));
            write(rows.selectExpr("pid", "key", "timestamp_micros(t) AS t"), probes);
        }
    }

    private static void write(Dataset<Row> rows, Path dir) {
        long t0 = System.nanoTime();
        rows.write().mode(SaveMode.Overwrite).parquet(dir.toString());
        System.err.printf("window: wrote %s in %.1f s%n", dir.getFileName(), (System.nanoTime() - t0) / 1e9);
    }
}
