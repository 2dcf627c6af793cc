package dev.fsc.bench.pit;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Deterministic test data. Every column of row i is a pure function of (seed, i) — a counter-based
 * generator (SplitMix64 finaliser) — so the data do not depend on how Spark splits the work.
 *
 * <p>Build row i: {@code key} uniform in [0, keys) or Zipf(s) by rank; {@code ts} = (20 random bits) << 26 | i,
 * microseconds over about 2.2 years — unique across the whole build side (the low bits are the row number),
 * so no two build rows of a key tie on ts and every strategy has exactly one right answer (DuckDB's ASOF JOIN
 * has no tiebreak column); {@code seq} = i, the arrival order, a secondary sort column that a real job needs
 * for ties; {@code value} in [0, 10^6).
 *
 * <p>Probe row j: {@code pid} = j; every 10th probe copies a build row's (key, ts), so the inclusive edge
 * (build ts = t counts) is exercised; the others draw key from the same distribution as the build side and
 * t = (20 random bits) << 26 | (buildRows + j), never equal to a build ts. Some t precede every build row of
 * their key: those probes have no value (NULL).
 */
public final class DataGen implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int LOW_BITS = 26;

    private final Scenario s;
    private transient double[] zipfCdf;

    public DataGen(Scenario s) {
        if (s.buildRows() + s.probeRows() >= (1L << LOW_BITS)) {
            throw new IllegalArgumentException("buildRows + probeRows must stay below 2^" + LOW_BITS);
        }
        this.s = s;
    }

    /** A pseudo-random 64-bit value, a pure function of (seed, stream, i); other benchmarks draw from it too. */
    public static long mix(long stream, long i) {
        long z = Scenario.SEED * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L + i * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    static double unit(long stream, long i) {
        return (mix(stream, i) >>> 11) * 0x1.0p-53;
    }

    long drawKey(long stream, long i) {
        if (!s.skewed()) {
            return Math.floorMod(mix(stream, i), (long) s.keys());
        }
        double[] cdf = zipfCdf();
        int pos = Arrays.binarySearch(cdf, unit(stream, i));
        return pos >= 0 ? pos : Math.min(-pos - 1, cdf.length - 1);
    }

    private double[] zipfCdf() {
        if (zipfCdf == null) {
            double[] c = new double[s.keys()];
            double sum = 0;
            for (int r = 0; r < c.length; r++) {
                sum += 1.0 / Math.pow(r + 1, s.zipfS());
                c[r] = sum;
            }
            for (int r = 0; r < c.length; r++) {
                c[r] /= sum;
            }
            zipfCdf = c;
        }
        return zipfCdf;
    }

    private static long randomTime(long stream, long i, long lowBits) {
        return ((mix(stream, i) >>> 44) << LOW_BITS) | lowBits;
    }

    public long buildKey(long i) {
        return drawKey(1, i);
    }

    public long buildTs(long i) {
        return randomTime(2, i, i);
    }

    public long buildValue(long i) {
        return Math.floorMod(mix(4, i), 1_000_000L);
    }

    private boolean probeCopiesBuildRow(long j) {
        return j % 10 == 0;
    }

    private long copiedBuildRow(long j) {
        return Math.floorMod(mix(5, j), s.buildRows());
    }

    public long probeKey(long j) {
        return probeCopiesBuildRow(j) ? buildKey(copiedBuildRow(j)) : drawKey(6, j);
    }

    public long probeT(long j) {
        return probeCopiesBuildRow(j) ? buildTs(copiedBuildRow(j)) : randomTime(7, j, s.buildRows() + j);
    }

    /** Writes the build and probe Parquet folders unless they already exist (a {@code _SUCCESS} file). */
    public static void writeIfMissing(SparkSession spark, Scenario s, Path data) throws IOException {
        DataGen g = new DataGen(s);
        Path build = s.buildDir(data);
        if (!Files.exists(build.resolve("_SUCCESS"))) {
            long t0 = System.nanoTime();
            StructType schema = new StructType()
                    .add("key", DataTypes.LongType, false).add("ts", DataTypes.LongType, false)
                    .add("seq", DataTypes.LongType, false).add("value", DataTypes.LongType, false);
            Dataset<Row> rows = spark.range(0, s.buildRows(), 1, 8).map((MapFunction<Long, Row>) i ->
                    RowFactory.create(g.buildKey(i), g.buildTs(i), i, g.buildValue(i)), Encoders.row(schema));
            rows.selectExpr("key", "timestamp_micros(ts) AS ts", "seq", "value")
                    .write().mode(SaveMode.Overwrite).parquet(build.toString());
            System.err.printf("pit: wrote %s (%,d rows) in %.1f s%n", build.getFileName(), s.buildRows(),
                    (System.nanoTime() - t0) / 1e9);
        }
        Path probe = s.probeDir(data);
        if (!Files.exists(probe.resolve("_SUCCESS"))) {
            long t0 = System.nanoTime();
            StructType schema = new StructType()
                    .add("pid", DataTypes.LongType, false).add("key", DataTypes.LongType, false)
                    .add("t", DataTypes.LongType, false);
            int files = (int) Math.max(1, Math.min(8, s.probeRows() / 250_000));
            Dataset<Row> rows = spark.range(0, s.probeRows(), 1, files).map((MapFunction<Long, Row>) j ->
                    RowFactory.create(j, g.probeKey(j), g.probeT(j)), Encoders.row(schema));
            rows.selectExpr("pid", "key", "timestamp_micros(t) AS t")
                    .write().mode(SaveMode.Overwrite).parquet(probe.toString());
            System.err.printf("pit: wrote %s (%,d rows) in %.1f s%n", probe.getFileName(), s.probeRows(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
