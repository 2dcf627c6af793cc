package dev.fsc.bench.pit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** An engine that can run a checksum query over the current scenario's {@code build} and {@code probe}. */
public interface Engine extends AutoCloseable {

    /** Points the names {@code build} and {@code probe} at this scenario's Parquet folders. */
    void use(Scenario s, java.nio.file.Path data) throws Exception;

    /** Runs a {@link Checksum#wrap checksum query}; gives up (cancels it) after {@code timeoutSeconds}. */
    Checksum run(String sql, double timeoutSeconds) throws Exception;

    /** Runs any query returning one row; returns that row as text (investigation aid, see Main adhoc). */
    String runRaw(String sql, double timeoutSeconds) throws Exception;

    /**
     * Times each strategy on one scenario (named {@code scenario} in the results): one warm-up run each, then
     * {@code runs} rounds that run every strategy once in turn (so that load from other processes falls on all of
     * them alike). A strategy whose warm-up times out is not run again. Every run's checksum must equal its warm-up's.
     */
    static List<Measurement> measure(Engine e, String scenario, Map<String, String> strategies, int runs,
            double timeoutSeconds, PrintStream log) throws Exception {
        Map<String, List<Double>> secs = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, Checksum> sums = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (var st : strategies.entrySet()) {
            secs.put(st.getKey(), new ArrayList<>());
            cpu.put(st.getKey(), new ArrayList<>());
            try {
                long c0 = Cpu.processNanos();
                long t0 = System.nanoTime();
                Checksum c = e.run(st.getValue(), timeoutSeconds);
                double t = (System.nanoTime() - t0) / 1e9;
                double ct = (Cpu.processNanos() - c0) / 1e9;
                secs.get(st.getKey()).add(t);
                cpu.get(st.getKey()).add(ct);
                sums.put(st.getKey(), c);
                log.printf("pit: %-15s %-10s warm-up %7.2f s (cpu %6.2f s)  %s%n", scenario, st.getKey(), t, ct, c);
            } catch (TimeoutException te) {
                notes.put(st.getKey(), String.format("timeout>%.0fs", timeoutSeconds));
                secs.get(st.getKey()).clear();
                log.printf("pit: %-15s %-10s warm-up timed out after %.0f s%n", scenario, st.getKey(), timeoutSeconds);
            }
        }
        for (int r = 1; r <= runs; r++) {
            for (var st : strategies.entrySet()) {
                if (!sums.containsKey(st.getKey())) {
                    continue;
                }
                long c0 = Cpu.processNanos();
                long t0 = System.nanoTime();
                Checksum c;
                try {
                    c = e.run(st.getValue(), timeoutSeconds);
                } catch (TimeoutException te) {
                    // the warm-up made it in time but this run did not: record the limit as its time
                    notes.put(st.getKey(), String.format("run %d timed out (>%.0fs)", r, timeoutSeconds));
                    secs.get(st.getKey()).add(timeoutSeconds);
                    cpu.get(st.getKey()).add((Cpu.processNanos() - c0) / 1e9);
                    continue;
                }
                double t = (System.nanoTime() - t0) / 1e9;
                double ct = (Cpu.processNanos() - c0) / 1e9;
                if (!c.equals(sums.get(st.getKey()))) {
                    throw new IllegalStateException(scenario + " " + st.getKey() + ": run " + r + " gave " + c
                            + " but the warm-up gave " + sums.get(st.getKey()));
                }
                secs.get(st.getKey()).add(t);
                cpu.get(st.getKey()).add(ct);
                log.printf("pit: %-15s %-10s run %d   %7.2f s (cpu %6.2f s)%n", scenario, st.getKey(), r, t, ct);
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (String k : strategies.keySet()) {
            out.add(new Measurement(scenario, k, secs.get(k), cpu.get(k), sums.get(k), notes.getOrDefault(k, "")));
        }
        return out;
    }
}
