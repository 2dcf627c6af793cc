package dev.fsc.compiler.codegen.spark;

import java.time.Duration;

/** Time arithmetic as Spark SQL text. A run is for the days {@code ds_from..ds_to} (job parameters). */
final class SparkTime {
    /** Start of the run's first day. */
    static final String DAY_START = "CAST(DATE'${ds_from}' AS TIMESTAMP)";
    /** End of the run's last day (exclusive). */
    static final String DAY_END = "CAST(date_add(DATE'${ds_to}', 1) AS TIMESTAMP)";
    /** The run's day partitions. */
    static final String DAYS = "ds BETWEEN DATE'${ds_from}' AND DATE'${ds_to}'";

    private SparkTime() {
    }

    /** A duration as the spec writes it: {@code 90s}, {@code 10m}, {@code 24h}, {@code 7d} (largest whole unit). */
    static String text(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** A Spark interval literal in the largest whole unit: {@code INTERVAL 7 DAYS}. */
    static String interval(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return "INTERVAL " + s / 86_400 + " DAYS";
        }
        if (s % 3_600 == 0) {
            return "INTERVAL " + s / 3_600 + " HOURS";
        }
        if (s % 60 == 0) {
            return "INTERVAL " + s / 60 + " MINUTES";
        }
        return "INTERVAL " + s + " SECONDS";
    }

    /** {@code floor_g(ts)}: the start of the tile of size {@code g} holding {@code ts}. */
    static String floor(String ts, Duration g) {
        long s = g.toSeconds();
        return switch ((int) Math.min(s, Integer.MAX_VALUE)) {
            case 60 -> "date_trunc('MINUTE', " + ts + ")";
            case 3_600 -> "date_trunc('HOUR', " + ts + ")";
            case 86_400 -> "date_trunc('DAY', " + ts + ")";
            default -> "timestamp_seconds(unix_seconds(" + ts + ") DIV " + s + " * " + s + ")";
        };
    }

    /**
     * The bin of width {@code width} holding {@code ts}, as a number: Spark has no range join, so a join on
     * a time range also joins on the bins the range touches, which bounds each row's partners.
     */
    static String bin(String ts, Duration width) {
        return "unix_seconds(" + ts + ") DIV " + width.toSeconds();
    }

    /** Milliseconds from {@code from} to {@code to}. */
    static String millisBetween(String from, String to) {
        return "unix_millis(" + to + ") - unix_millis(" + from + ")";
    }

    /** Whole days of lookback that cover {@code d} (a record may fall in the partition before). */
    static long daysCovering(Duration d) {
        return (d.toSeconds() + 86_399) / 86_400 + 1;
    }
}
