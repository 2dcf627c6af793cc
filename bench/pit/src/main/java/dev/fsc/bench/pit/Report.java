package dev.fsc.bench.pit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the measurement files of the Spark and DuckDB runs, checks that the strategies agree, and prints the
 * Markdown tables. Exit code 3 (via {@link Main}) when any two strategies disagree on a scenario.
 */
public final class Report {
    private final Map<String, Map<String, Measurement>> byScenario = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> info = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();

    public Report(List<Path> files) throws IOException {
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.split("\t", -1);
                if (p[1].equals("info")) {
                    Map<String, String> m = info.computeIfAbsent(p[0], k -> new LinkedHashMap<>());
                    for (String kv : p[2].split(";")) {
                        String[] x = kv.split("=", 2);
                        m.put(x[0], x[1]);
                    }
                } else {
                    Measurement m = Measurement.parse(line);
                    byScenario.computeIfAbsent(m.scenario(), k -> new LinkedHashMap<>()).put(m.strategy(), m);
                }
            }
        }
        for (var e : byScenario.entrySet()) {
            check(e.getKey(), e.getValue(), List.of("A", "B", "C", "F"));
            check(e.getKey(), e.getValue(), List.of("A_ttl", "B_ttl", "C_ttl", "F_ttl"));
            check(e.getKey(), e.getValue(), List.of("A", "B", "C", "A_plain", "A_tempo", "A_presort", "A_collapse", "A_struct"));
        }
    }

    private void check(String scenario, Map<String, Measurement> ms, List<String> names) {
        Checksum ref = null;
        String refName = null;
        for (String n : names) {
            Measurement m = ms.get(n);
            if (m == null || !m.ok()) {
                continue;
            }
            if (ref == null) {
                ref = m.checksum();
                refName = n;
            } else if (!Objects.equals(ref, m.checksum())) {
                mismatches.add(scenario + ": " + refName + " gave " + ref + " but " + n + " gave " + m.checksum());
            }
        }
    }

    public List<String> mismatches() {
        return mismatches;
    }

    private Measurement m(String scenario, String strategy) {
        return byScenario.getOrDefault(scenario, Map.of()).get(strategy);
    }

    private static String secs(Measurement m) {
        if (m == null) {
            return "n/a";
        }
        if (!m.ok()) {
            return "> " + m.note().replaceAll("\\D+", "") + " (timed out)";
        }
        String s = String.format("%.2f", m.median());
        // only a timeout is worth a note beside the time (Feast's row count has its own column)
        return m.note().contains("timed out") ? s + " (" + m.note() + ")" : s;
    }

    private static String cpu(Measurement m) {
        return m == null ? "n/a" : m.ok() ? String.format("%.1f", m.cpuMedian()) : "timed out";
    }

    /** a / b, "> x" when a timed out (its lower bound is the timeout), "n/a" when missing. */
    private static String ratio(Measurement a, Measurement b) {
        if (a == null || b == null || !b.ok()) {
            return "n/a";
        }
        if (!a.ok()) {
            double limit = Double.parseDouble(a.note().replaceAll("\\D+", ""));
            return String.format("> %.1f×", limit / b.median());
        }
        return String.format("%.2f×", a.median() / b.median());
    }

    private static String cpuRatio(Measurement a, Measurement b) {
        if (a == null || b == null || !a.ok() || !b.ok()) {
            return "n/a";
        }
        return String.format("%.2f×", a.cpuMedian() / b.cpuMedian());
    }

    private String fact(String scenario, String key) {
        String v = info.getOrDefault(scenario, Map.of()).get(key);
        return v == null ? "n/a" : String.format("%,d", Long.parseLong(v));
    }

    /** How many rows Feast returned (it drops probes that find no row of a key that has rows), per variant. */
    private static String feastNote(Measurement f, Measurement ft) {
        List<String> notes = new ArrayList<>();
        if (f.ok() && !f.note().isEmpty()) {
            notes.add("F " + f.note());
        }
        if (ft != null && ft.ok() && !ft.note().isEmpty()) {
            notes.add("F_ttl " + ft.note());
        }
        return String.join("; ", notes);
    }

    /** One line per goal: met or missed, and by how much. */
    public String goals(List<Scenario> scenarios) {
        StringBuilder sb = new StringBuilder();
        for (Scenario s : scenarios) {
            String n = s.name();
            Measurement a = m(n, "A");
            Measurement b = m(n, "B");
            Measurement c = m(n, "C");
            if (a == null || !a.ok()) {
                continue;
            }
            if (n.contains("100:1") && b != null) {
                double ratio = b.ok() ? b.median() / a.median()
                        : Double.parseDouble(b.note().replaceAll("\\D+", "")) / a.median();
                String bound = b.ok() ? "" : " at least (B timed out)";
                sb.append(String.format("- %s: (A) at least 3× faster than (B): %s — B/A = %.2f×%s%s.%n", n,
                        ratio >= 3 ? "**met**" : "**missed**", ratio, bound,
                        ratio >= 3 ? "" : String.format(" (A would need to be %.0f%% faster)", (3 / ratio - 1) * 100)));
            }
            if (c != null && c.ok()) {
                double ratio = a.median() / c.median();
                sb.append(String.format("- %s: (A) within 2× of DuckDB: %s — A/C = %.2f× wall%s, %.2f× CPU.%n", n,
                        ratio <= 2 ? "**met**" : "**missed**", ratio,
                        ratio <= 2 ? "" : String.format(" (%.1f× too slow)", ratio / 2), a.cpuMedian() / c.cpuMedian()));
            }
        }
        return sb.toString();
    }

    public String markdown(List<Scenario> scenarios) {
        List<String> names = scenarios.stream().map(Scenario::name).filter(byScenario::containsKey).toList();
        StringBuilder sb = new StringBuilder();
        sb.append("Wall seconds, median of the timed runs:\n\n");
        sb.append("| scenario | build rows | probe rows | keys (rows of the largest) | (A) fsc s | (B) join+ROW_NUMBER s | (C) DuckDB ASOF s | B/A | A/C |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario s : scenarios) {
            String n = s.name();
            if (!names.contains(n)) {
                continue;
            }
            sb.append(String.format("| %s | %,d | %,d | %s (%s) | %s | %s | %s | %s | %s |%n", n, s.buildRows(),
                    s.probeRows(), fact(n, "keys"), fact(n, "max_key_rows"), secs(m(n, "A")), secs(m(n, "B")),
                    secs(m(n, "C")), ratio(m(n, "B"), m(n, "A")), ratio(m(n, "A"), m(n, "C"))));
        }
        sb.append("\nCPU seconds of the engine's process (all threads), median of the same runs; steadier than wall time on a shared machine:\n\n");
        sb.append("| scenario | (A) fsc | (B) join+ROW_NUMBER | (C) DuckDB ASOF | B/A | A/C |\n|---|---:|---:|---:|---:|---:|\n");
        for (String n : names) {
            sb.append(String.format("| %s | %s | %s | %s | %s | %s |%n", n, cpu(m(n, "A")), cpu(m(n, "B")), cpu(m(n, "C")),
                    cpuRatio(m(n, "B"), m(n, "A")), cpuRatio(m(n, "A"), m(n, "C"))));
        }
        if (names.stream().anyMatch(n -> m(n, "A_ttl") != null || m(n, "B_ttl") != null)) {
            sb.append("\nWith a TTL of ").append(Scenario.TTL_DAYS).append(" days (a value older than t - ttl does not count; "
                    + "Feast's usual shape). Join rows = rows (B)'s join emits before ROW_NUMBER (counted outside the timings). "
                    + "Wall seconds, CPU seconds in brackets:\n\n");
            sb.append("| scenario | (B) join rows | (B) join rows with TTL | (A) fsc + TTL s | (B) + TTL s | (C) DuckDB + TTL s | B/A | A/C |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String n : names) {
                sb.append(String.format("| %s | %s | %s | %s (%s) | %s (%s) | %s (%s) | %s | %s |%n", n, fact(n, "join_rows"),
                        fact(n, "join_rows_ttl"), secs(m(n, "A_ttl")), cpu(m(n, "A_ttl")), secs(m(n, "B_ttl")),
                        cpu(m(n, "B_ttl")), secs(m(n, "C_ttl")), cpu(m(n, "C_ttl")), ratio(m(n, "B_ttl"), m(n, "A_ttl")),
                        ratio(m(n, "A_ttl"), m(n, "C_ttl"))));
            }
        }
        List<String> others = new ArrayList<>();
        for (String n : names) {
            for (var m : byScenario.get(n).values()) {
                if (!List.of("A", "B", "C", "F", "A_ttl", "B_ttl", "C_ttl", "F_ttl").contains(m.strategy())) {
                    others.add(String.format("| %s | %s | %s | %s | %s | %s |", n, m.strategy(), secs(m), cpu(m),
                            ratio(m, m(n, "A")), cpuRatio(m, m(n, "A"))));
                }
            }
        }
        if (!others.isEmpty()) {
            sb.append("\nOther shapes of (A) (bench/pit/README.md), relative to (A):\n\n"
                    + "| scenario | variant | wall s | CPU s | wall vs (A) | CPU vs (A) |\n|---|---|---:|---:|---:|---:|\n");
            others.forEach(o -> sb.append(o).append('\n'));
        }
        if (names.stream().anyMatch(n -> m(n, "F") != null)) {
            sb.append("\n**Feast itself** (F): `get_historical_features(...).to_df()` of its file (Dask) offline store over the "
                    + "same build Parquet files, in its own Python process, against (A) and (C) of the same run. Wall seconds, "
                    + "CPU seconds in brackets:\n\n");
            sb.append("| scenario | (F) Feast s | (A) fsc s | (C) DuckDB s | F/A | F/C | (F) + TTL s | (A) + TTL s | F/A with TTL | Feast's note |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (String n : names) {
                Measurement f = m(n, "F");
                if (f == null) {
                    continue;
                }
                Measurement ft = m(n, "F_ttl");
                sb.append(String.format("| %s | %s (%s) | %s (%s) | %s (%s) | %s | %s | %s (%s) | %s (%s) | %s | %s |%n", n,
                        secs(f), cpu(f), secs(m(n, "A")), cpu(m(n, "A")), secs(m(n, "C")), cpu(m(n, "C")),
                        ratio(f, m(n, "A")), ratio(f, m(n, "C")), secs(ft), cpu(ft), secs(m(n, "A_ttl")),
                        cpu(m(n, "A_ttl")), ratio(ft, m(n, "A_ttl")), feastNote(f, ft)));
            }
        }
        sb.append("\nChecksums (probe rows, rows with a value, sum of values, sum weighted by probe id): ");
        List<String> agree = new ArrayList<>();
        for (var e : byScenario.entrySet()) {
            Measurement a = e.getValue().get("A");
            agree.add(e.getKey() + " " + (a != null && a.ok() ? a.checksum().tsv() : "n/a"));
        }
        sb.append(String.join("; ", agree)).append(". ");
        sb.append(mismatches.isEmpty() ? "All strategies that finished agree on every scenario.\n"
                : "**MISMATCH**: " + String.join("; ", mismatches) + "\n");
        return sb.toString();
    }
}
