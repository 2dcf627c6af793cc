package dev.fsc.bench.window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.fsc.bench.pit.Checksum;
import dev.fsc.bench.pit.Measurement;

/**
 * Checks that the strategies of one semantics agree (exact: naive and brute_exact; sawtooth: all others) and
 * prints the Markdown table, speed-ups relative to the naive RANGE window.
 */
public final class WindowReport {
    private static final Map<String, String> WHAT = Map.of(
            "naive", "RANGE window over every raw event (Spark SQL as a user writes it)",
            "fsc", "fsc's generated shape: running sums of tiles (each in at its start, out W later) read at the probe's tile, head events by (key, tile)",
            "binned_join", "fsc's previous generated shape: tiles joined by (key, W-bin), head events by (key, tile)",
            "events_running", "one running SUM over raw events, each tile subtracted once older than the window",
            "brute_exact", "check: probe × events range join, exact window",
            "brute_sawtooth", "check: probe × events range join, sawtooth window");

    private final WindowScenario scenario;
    private final Map<String, Measurement> byStrategy = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();

    public WindowReport(WindowScenario scenario, List<Measurement> measurements) {
        this.scenario = scenario;
        measurements.forEach(m -> byStrategy.put(m.strategy(), m));
        check(true);
        check(false);
    }

    private void check(boolean exact) {
        Checksum ref = null;
        String refName = null;
        for (Measurement m : byStrategy.values()) {
            if (WindowShapes.exact(m.strategy()) != exact || !m.ok()) {
                continue;
            }
            if (ref == null) {
                ref = m.checksum();
                refName = m.strategy();
            } else if (!Objects.equals(ref, m.checksum())) {
                mismatches.add(refName + " gave " + ref + " but " + m.strategy() + " gave " + m.checksum());
            }
        }
    }

    public List<String> mismatches() {
        return mismatches;
    }

    private static String wall(Measurement m) {
        return m.ok() ? String.format("%.2f", m.median()) : "> " + m.note().replaceAll("\\D+", "") + " (timed out)";
    }

    /** naive / m, as "12.3×"; a bound when the naive timed out. */
    private String speedup(Measurement m, boolean cpu) {
        Measurement naive = byStrategy.get("naive");
        if (naive == null || !m.ok() || m == naive) {
            return m == naive ? "1×" : "n/a";
        }
        if (!naive.ok()) {
            return cpu ? "n/a" : String.format("> %.1f×", Double.parseDouble(naive.note().replaceAll("\\D+", "")) / m.median());
        }
        return String.format("%.1f×", cpu ? naive.cpuMedian() / m.cpuMedian() : naive.median() / m.median());
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%,d events over %,d keys (%,d per key per 1 h window, %d hours each), %,d probes "
                + "(every %dth event); W = %d min, g = 1 min (%s tiles). Median of the timed runs:%n%n",
                scenario.events(), scenario.keys(), scenario.eventsPerWindow(), scenario.hours(), scenario.probes(),
                scenario.probeEvery(), WindowScenario.WINDOW_MINUTES, String.format("%,d", scenario.keys()
                        * scenario.hours() * 60)));
        sb.append("| strategy | window | what | wall s | CPU s | naive / it (wall) | naive / it (CPU) |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|\n");
        for (Measurement m : byStrategy.values()) {
            sb.append(String.format("| %s | %s | %s | %s | %s | %s | %s |%n", m.strategy(),
                    WindowShapes.exact(m.strategy()) ? "exact" : "sawtooth", WHAT.getOrDefault(m.strategy(), ""),
                    wall(m), m.ok() ? String.format("%.1f", m.cpuMedian()) : "timed out", speedup(m, false),
                    speedup(m, true)));
        }
        sb.append("\nChecksums (probes, events counted, sum of totals, weighted by probe id): ");
        List<String> sums = new ArrayList<>();
        for (boolean exact : new boolean[] {true, false}) {
            byStrategy.values().stream().filter(m -> WindowShapes.exact(m.strategy()) == exact && m.ok()).findFirst()
                    .ifPresent(m -> sums.add((exact ? "exact " : "sawtooth ") + m.checksum().tsv()));
        }
        sb.append(String.join("; ", sums)).append(". ");
        sb.append(mismatches.isEmpty() ? "All strategies of the same window semantics that finished agree.\n"
                : "**MISMATCH**: " + String.join("; ", mismatches) + "\n");
        Measurement fsc = byStrategy.get("fsc");
        Measurement naive = byStrategy.get("naive");
        if (fsc != null && fsc.ok() && naive != null) {
            // a naive run that timed out took at least the timeout: the ratio is then a lower bound
            double naiveSeconds = naive.ok() ? naive.median() : Double.parseDouble(naive.note().replaceAll("\\D+", ""));
            sb.append(String.format("%nGoal (fsc's generated shape at least 10× faster than the naive window): %s — %s.%n",
                    naiveSeconds / fsc.median() >= 10 ? "**met**" : "**missed**", speedup(fsc, false)));
        }
        return sb.toString();
    }
}
