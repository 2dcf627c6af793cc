package dev.fsc.compiler.codegen.flink;

import java.time.Duration;

/** Time arithmetic as Flink SQL text; the runner keeps the session time zone at UTC (runtime-flink/README.md, Contract). */
final class FlinkTime {
    private static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";

    private FlinkTime() {
    }

    /**
     * An ISO-8601 text ({@code 2026-10-01T12:34:56.789}, a trailing {@code Z} or {@code +00:00} allowed) as
     * TIMESTAMP(3), NULL when it does not read. Flink's cast wants a space between date and time and no zone.
     */
    static String parseIso(String text) {
        return "TRY_CAST(REGEXP_REPLACE(REPLACE(" + text + ", 'T', ' '), '(Z|[+]00:00)$', '') AS TIMESTAMP(3))";
    }

    /** Epoch milliseconds in a text (how Debezium writes TIMESTAMP(3) columns) as TIMESTAMP(3) in UTC. */
    static String parseEpochMillis(String text) {
        return "CAST(TO_TIMESTAMP_LTZ(TRY_CAST(" + text + " AS BIGINT), 3) AS TIMESTAMP(3))";
    }

    /** Epoch days in a text (how Debezium writes DATE columns) as DATE. */
    static String parseEpochDays(String text) {
        return "CAST(TIMESTAMPADD(DAY, TRY_CAST(" + text + " AS INT), DATE '1970-01-01') AS DATE)";
    }

    /** {@code floor_g(ts)}: the start of the tile of size {@code g} holding {@code ts}, UTC-epoch aligned as TileMath does. */
    static String floor(String ts, Duration g) {
        long s = g.toSeconds();
        if (s == 60 || s == 3_600 || s == 86_400) {
            return "FLOOR(" + ts + " TO " + (s == 60 ? "MINUTE" : s == 3_600 ? "HOUR" : "DAY") + ")";
        }
        String unit = s % 60 == 0 ? "MINUTE" : "SECOND";
        long n = s % 60 == 0 ? s / 60 : s;
        return "CAST(TIMESTAMPADD(" + unit + ", TIMESTAMPDIFF(" + unit + ", " + EPOCH + ", " + ts + ") / " + n + " * " + n
                + ", " + EPOCH + ") AS TIMESTAMP(3))";
    }

    /** TRUE when {@code later} is more than {@code d} after {@code earlier} (millisecond exact). */
    static String moreThanAfter(String later, String earlier, Duration d) {
        return later + " > TIMESTAMPADD(SECOND, " + d.toSeconds() + ", " + earlier + ")";
    }

    /** A Flink interval literal in the largest whole unit; more than two digits need a leading precision. */
    static String interval(Duration d) {
        long s = d.toSeconds();
        long n = s % 86_400 == 0 ? s / 86_400 : s % 3_600 == 0 ? s / 3_600 : s % 60 == 0 ? s / 60 : s;
        String unit = s % 86_400 == 0 ? "DAY" : s % 3_600 == 0 ? "HOUR" : s % 60 == 0 ? "MINUTE" : "SECOND";
        int digits = Long.toString(n).length();
        return "INTERVAL '" + n + "' " + unit + (digits > 2 ? "(" + digits + ")" : "");
    }

    /** A duration as days, hours, minutes and seconds, largest first, zero parts left out: {@code 30d10m}, {@code 1d1h11m}. */
    static String compound(Duration d) {
        StringBuilder out = new StringBuilder();
        long s = d.toSeconds();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (s >= units[i]) {
                out.append(s / units[i]).append(names[i]);
                s %= units[i];
            }
        }
        return out.isEmpty() ? "0s" : out.toString();
    }
}
