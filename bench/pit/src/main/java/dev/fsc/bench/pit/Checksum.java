package dev.fsc.bench.pit;

/**
 * What every strategy must agree on, computed by the timed query itself (so no engine ships its result rows
 * to the client): probe rows, probe rows with a value, the sum of the values, and a sum weighted by probe id
 * (catches values landing on the wrong probe).
 */
public record Checksum(long probes, long hits, long total, long weighted) {

    /** Wraps a query returning (pid, value) into the checksum query; the same text runs in Spark and DuckDB. */
    public static String wrap(String pidValueQuery) {
        return "SELECT count(*) AS probes, count(value) AS hits, coalesce(sum(value), 0) AS total,\n"
                + "       coalesce(sum((pid % 9973) * value), 0) AS weighted\nFROM (\n" + pidValueQuery + "\n) r";
    }

    /**
     * The same four numbers for a windowed aggregate, from a query returning (pid, total, n) — the window's sum
     * and its event count at each probe: probe rows, events counted over all probes (in {@code hits}), the sum of
     * the totals, and the totals and counts weighted by probe id.
     */
    public static String wrapWindow(String pidTotalCountQuery) {
        return "SELECT count(*) AS probes, coalesce(sum(n), 0) AS hits, coalesce(sum(total), 0) AS total,\n"
                + "       coalesce(sum((pid % 9973) * (total + n)), 0) AS weighted\nFROM (\n" + pidTotalCountQuery + "\n) r";
    }

    public String tsv() {
        return probes + "," + hits + "," + total + "," + weighted;
    }

    public static Checksum parse(String s) {
        String[] p = s.split(",");
        return new Checksum(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
    }

    @Override
    public String toString() {
        return String.format("probes=%d hits=%d sum=%d weighted=%d", probes, hits, total, weighted);
    }
}
