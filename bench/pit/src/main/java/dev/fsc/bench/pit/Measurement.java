package dev.fsc.bench.pit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Timings of one strategy on one scenario: a warm-up run, then the timed runs (seconds, wall clock, and CPU
 * seconds of the whole process, all threads, which moves less than wall time when the machine is shared).
 * One tab-separated line per measurement in the results files that {@link Report} reads.
 *
 * @param seconds warm-up first; empty when the warm-up timed out
 * @param cpu CPU seconds of the same runs
 * @param checksum of the warm-up run (every timed run is checked against it), null after a timeout
 * @param note e.g. {@code timeout>120s}; empty when all went well
 */
public record Measurement(String scenario, String strategy, List<Double> seconds, List<Double> cpu, Checksum checksum,
        String note) {

    public boolean ok() {
        return checksum != null;
    }

    /** Median of the timed runs (the warm-up excluded), or NaN. */
    public double median() {
        return median(seconds);
    }

    /** Median CPU seconds of the timed runs. */
    public double cpuMedian() {
        return median(cpu);
    }

    private static double median(List<Double> all) {
        if (all.size() < 2) {
            return Double.NaN;
        }
        double[] t = all.subList(1, all.size()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }

    private static String list(List<Double> xs) {
        StringBuilder sb = new StringBuilder();
        for (Double d : xs) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format("%.3f", d));
        }
        return sb.toString();
    }

    private static List<Double> parseList(String s) {
        List<Double> out = new ArrayList<>();
        if (!s.isEmpty()) {
            Arrays.stream(s.split(",")).map(Double::valueOf).forEach(out::add);
        }
        return out;
    }

    public String tsv() {
        return String.join("\t", scenario, strategy, list(seconds), list(cpu), checksum == null ? "-" : checksum.tsv(),
                note.isEmpty() ? "-" : note);
    }

    public static Measurement parse(String line) {
        String[] p = line.split("\t", -1);
        return new Measurement(p[0], p[1], parseList(p[2]), parseList(p[3]), p[4].equals("-") ? null : Checksum.parse(p[4]),
                p[5].equals("-") ? "" : p[5]);
    }
}
