package dev.fsc.bench.pit;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point; run.sh calls each step as its own JVM so the engines never share a process:
 *
 * <pre>
 * Main gen     --data DIR [--scenarios F]                       write the Parquet data (Spark), if missing
 * Main spark   --data DIR --out FILE [--strategies A,B,...] ... time strategies (A) and (B) in Spark
 * Main duckdb  --data DIR --out FILE [--strategies C,C_ttl] ... time strategy (C) in DuckDB
 * Main explain --data DIR --scenarios F --strategies A          print Spark's physical plan
 * Main sql     --strategies A                                   print a strategy's SQL
 * Main paths   --data DIR [--scenarios F]                       print name, build and probe folder per scenario
 * Main report  FILE...                                          check checksums, print the tables
 * </pre>
 *
 * Common options: {@code --runs 3} timed runs after one warm-up, {@code --timeout 120} seconds per query,
 * {@code --partitions 8} Spark shuffle partitions, {@code --scenarios} comma-separated name filters.
 */
public final class Main {
    private Main() {
    }

    static Map<String, String> sparkStrategies() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("A", Checksum.wrap(FscUnionWindow.sql(false)));
        m.put("B", Checksum.wrap(JoinRowNumber.sql(false)));
        m.put("A_ttl", Checksum.wrap(FscUnionWindow.sql(true)));
        m.put("B_ttl", Checksum.wrap(JoinRowNumber.sql(true)));
        // variants of (A) tried on the way (FscUnionWindow.Shape); compared with A in the report
        m.put("A_plain", Checksum.wrap(FscUnionWindow.sql(FscUnionWindow.Shape.PLAIN, false, false)));
        m.put("A_presort", Checksum.wrap(FscUnionWindow.sql(FscUnionWindow.Shape.PRESORT, false, false)));
        m.put("A_collapse", Checksum.wrap(FscUnionWindow.sql(FscUnionWindow.Shape.COLLAPSE, false, false)));
        m.put("A_tempo", Checksum.wrap(FscUnionWindow.sql(FscUnionWindow.Shape.TEMPO, false, false)));
        m.put("A_struct", Checksum.wrap(FscUnionWindow.sql(FscUnionWindow.Shape.PRUNE, false, true)));
        return m;
    }

    static Map<String, String> duckdbStrategies() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("C", Checksum.wrap(DuckDbAsof.sql(false)));
        m.put("C_ttl", Checksum.wrap(DuckDbAsof.sql(true)));
        return m;
    }

    /** The {@code --name value} options after the command, by name. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                opt.put(args[i].substring(2), args[++i]);
            }
        }
        return opt;
    }

    /** The named strategies ({@code names} comma-separated, or else {@code defaults}) of {@code all}, in that order. */
    public static Map<String, String> pick(Map<String, String> all, String names, String defaults) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : (names == null ? defaults : names).split(",")) {
            String sql = all.get(n.trim());
            if (sql == null) {
                throw new IllegalArgumentException("unknown strategy " + n + "; known: " + all.keySet());
            }
            out.put(n.trim(), sql);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Main gen|spark|duckdb|explain|sql|report [options] (see Main.java)");
            System.exit(2);
        }
        String cmd = args[0];
        Map<String, String> opt = options(args);
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                i++;
            } else {
                rest.add(args[i]);
            }
        }
        Path data = Path.of(opt.getOrDefault("data", "bench/out/pit/data")).toAbsolutePath();
        List<Scenario> scenarios = Scenario.selected(opt.get("scenarios"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "3"));
        double timeout = Double.parseDouble(opt.getOrDefault("timeout", "120"));
        int partitions = Integer.parseInt(opt.getOrDefault("partitions", "8"));
        PrintStream log = System.err;

        switch (cmd) {
            case "sql" -> {
                Map<String, String> all = new LinkedHashMap<>(sparkStrategies());
                all.putAll(duckdbStrategies());
                pick(all, opt.get("strategies"), "A").forEach((k, v) -> System.out.println("-- " + k + "\n" + v + ";\n"));
            }
            case "paths" -> scenarios.forEach(s -> System.out.println(s.name() + "\t" + s.buildDir(data) + "\t"
                    + s.probeDir(data)));
            case "gen" -> {
                try (SparkEngine e = new SparkEngine(partitions)) {
                    for (Scenario s : scenarios) {
                        DataGen.writeIfMissing(e.spark(), s, data);
                    }
                }
            }
            case "explain" -> {
                try (SparkEngine e = new SparkEngine(partitions)) {
                    e.use(scenarios.get(0), data);
                    for (var st : pick(sparkStrategies(), opt.get("strategies"), "A").entrySet()) {
                        System.out.println("== " + st.getKey() + " on " + scenarios.get(0).name());
                        e.spark().sql("EXPLAIN FORMATTED " + st.getValue()).collectAsList()
                                .forEach(r -> System.out.println(r.getString(0)));
                    }
                }
            }
            case "spark", "duckdb" -> {
                Path out = Path.of(opt.get("out"));
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, "");
                boolean isSpark = cmd.equals("spark");
                Map<String, String> strategies = isSpark
                        ? pick(sparkStrategies(), opt.get("strategies"), "A,B,A_ttl,B_ttl")
                        : pick(duckdbStrategies(), opt.get("strategies"), "C,C_ttl");
                long t0 = System.nanoTime();
                try (Engine e = isSpark ? new SparkEngine(partitions)
                        : new DuckDbEngine(2, opt.getOrDefault("memory", "6GB"), data.getParent().resolve("duckdb-tmp"))) {
                    log.printf("pit: %s ready in %.1f s (not timed)%n", isSpark ? "SparkSession" : "DuckDB connection",
                            (System.nanoTime() - t0) / 1e9);
                    if (e instanceof DuckDbEngine d) {
                        log.println("pit: DuckDB " + d.version());
                    }
                    for (Scenario s : scenarios) {
                        e.use(s, data);
                        StringBuilder lines = new StringBuilder();
                        if (e instanceof SparkEngine se && !opt.containsKey("no-info")) {
                            String facts = se.joinRows();
                            log.println("pit: " + s.name() + " facts (not timed): " + facts);
                            lines.append(s.name()).append("\tinfo\t").append(facts).append('\n');
                        }
                        for (Measurement m : Engine.measure(e, s.name(), strategies, runs, timeout, log)) {
                            lines.append(m.tsv()).append('\n');
                        }
                        Files.writeString(out, lines, StandardOpenOption.APPEND);
                    }
                }
            }
            case "adhoc" -> {
                // time SQL files (each a query over build/probe returning one row) on one scenario: investigation aid
                boolean isSpark = opt.getOrDefault("engine", "spark").equals("spark");
                try (Engine e = isSpark ? new SparkEngine(partitions)
                        : new DuckDbEngine(2, opt.getOrDefault("memory", "6GB"), data.getParent().resolve("duckdb-tmp"))) {
                    e.use(scenarios.get(0), data);
                    for (String f : rest) {
                        String sql = Files.readString(Path.of(f));
                        for (int r = 0; r <= runs; r++) {
                            long c0 = Cpu.processNanos();
                            long g0 = Cpu.gcMillis();
                            long t0 = System.nanoTime();
                            String res;
                            try {
                                res = e.runRaw(sql, timeout);
                            } catch (java.util.concurrent.TimeoutException te) {
                                res = "TIMEOUT";
                            }
                            log.printf("pit: adhoc %-30s %s %7.2f s wall %7.2f s cpu %6.2f s gc  %s%n", Path.of(f).getFileName(),
                                    r == 0 ? "warm-up" : "run " + r, (System.nanoTime() - t0) / 1e9,
                                    (Cpu.processNanos() - c0) / 1e9, (Cpu.gcMillis() - g0) / 1e3, res);
                        }
                    }
                }
            }
            case "report" -> {
                Report r = new Report(rest.stream().map(Path::of).toList());
                System.out.print(r.markdown(Scenario.defaults()));
                System.out.print("\nGoals:\n\n" + r.goals(Scenario.defaults()));
                if (!r.mismatches().isEmpty()) {
                    System.err.println("pit: MISMATCH between strategies:");
                    r.mismatches().forEach(x -> System.err.println("  " + x));
                    System.exit(3);
                }
            }
            default -> {
                System.err.println("unknown command " + cmd);
                System.exit(2);
            }
        }
    }
}
