package dev.fsc.bench.window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.fsc.bench.pit.Engine;
import dev.fsc.bench.pit.Main;
import dev.fsc.bench.pit.Measurement;
import dev.fsc.bench.pit.SparkEngine;

/**
 * Entry point of the windowed-backfill benchmark (bench/window/run.sh calls each step as its own JVM):
 *
 * <pre>
 * WindowMain gen    --data DIR --events N [--hours 4 --per-window 1000 --probe-every 10]   write the Parquet data
 * WindowMain spark  --data DIR --events N ... --out FILE --strategies naive,fsc,...        time them (Spark local[2])
 * WindowMain sql    --strategies fsc                                                      print a strategy's SQL
 * WindowMain report FILE --events N ...                                                   check checksums, print tables
 * </pre>
 *
 * Also {@code --runs 3} timed runs after one warm-up, {@code --timeout 300} seconds per query, {@code --partitions 8}.
 */
public final class WindowMain {
    private WindowMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: WindowMain gen|spark|sql|report [options] (see WindowMain.java)");
            System.exit(2);
        }
        Map<String, String> opt = Main.options(args);
        WindowScenario s = new WindowScenario(Long.parseLong(opt.getOrDefault("events", "2000000")),
                Integer.parseInt(opt.getOrDefault("hours", "4")), Integer.parseInt(opt.getOrDefault("per-window", "1000")),
                Integer.parseInt(opt.getOrDefault("probe-every", "10")));
        Path data = Path.of(opt.getOrDefault("data", "bench/out/window/data")).toAbsolutePath();
        int partitions = Integer.parseInt(opt.getOrDefault("partitions", "8"));
        Map<String, String> strategies = Main.pick(WindowShapes.all(s), opt.get("strategies"),
                "naive,fsc,binned_join,events_running");
        switch (args[0]) {
            case "sql" -> strategies.forEach((k, v) -> System.out.println("-- " + k + "\n" + v + ";\n"));
            case "gen" -> {
                try (SparkEngine e = new SparkEngine(partitions)) {
                    WindowData.writeIfMissing(e.spark(), s, data);
                }
            }
            case "spark" -> {
                Path out = Path.of(opt.get("out"));
                Files.createDirectories(out.toAbsolutePath().getParent());
                try (SparkEngine e = new SparkEngine(partitions)) {
                    e.spark().sql("CREATE OR REPLACE TEMPORARY VIEW events USING parquet OPTIONS (path '"
                            + s.eventsDir(data) + "')");
                    e.spark().sql("CREATE OR REPLACE TEMPORARY VIEW probes USING parquet OPTIONS (path '"
                            + s.probesDir(data) + "')");
                    List<Measurement> ms = Engine.measure(e, s.name(), strategies,
                            Integer.parseInt(opt.getOrDefault("runs", "3")),
                            Double.parseDouble(opt.getOrDefault("timeout", "300")), System.err);
                    StringBuilder lines = new StringBuilder();
                    ms.forEach(m -> lines.append(m.tsv()).append('\n'));
                    Files.writeString(out, lines);
                }
            }
            case "report" -> {
                WindowReport r = new WindowReport(s, Files.readAllLines(Path.of(opt.get("in"))).stream()
                        .filter(l -> !l.isBlank()).map(Measurement::parse).toList());
                System.out.print(r.markdown());
                if (!r.mismatches().isEmpty()) {
                    System.err.println("window: MISMATCH between strategies of the same semantics:");
                    r.mismatches().forEach(x -> System.err.println("  " + x));
                    System.exit(3);
                }
            }
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
