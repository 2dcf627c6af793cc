package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.cli.Main;
import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A copy of an example project in a scratch folder, driven through the real CLI (which runs Spark as its own JVM). */
record ExampleProject(Path root) {
    static final Path EXAMPLES = Path.of(System.getProperty("fsc.examples", "../specs/examples")).toAbsolutePath().normalize();

    /** Copies the example's specs (not its data or state) into {@code dir}. */
    static ExampleProject copy(String example, Path dir) {
        Path source = EXAMPLES.resolve(example);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path relative = source.relativize(f);
                if (relative.startsWith("data") || relative.startsWith(".fsc")) {
                    continue;
                }
                Path target = dir.resolve(relative.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExampleProject(dir);
    }

    void sampleData(LocalDate start, int days, int eventsPerDay) {
        fsc("sample-data", "--project", root.toString(), "--start", start.toString(), "--days", String.valueOf(days),
                "--events-per-day", String.valueOf(eventsPerDay));
    }

    String run(LocalDate from, LocalDate to) {
        return fsc("run", "--project", root.toString(), "--from", from.toString(), "--to", to.toString());
    }

    /** The dataset's published rows, read back through {@code fsc dataset export}. */
    List<Map<String, Object>> export(String dataset) {
        Path out = root.resolve("out").resolve(dataset + ".jsonl");
        fsc("dataset", "export", dataset, "--project", root.toString(), "--format", "jsonl", "--out", out.toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(Json.parseObject(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Runs the days expecting the run to fail (exit 1: an error check or a step failed); returns its output. */
    String runFailing(LocalDate from, LocalDate to) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"run", "--project", root.toString(), "--from", from.toString(), "--to", to.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, exit, () -> "expected the run to fail:\n" + out + err);
        return out + err.toString();
    }

    /** The tables the last successful run published (from its result file). */
    List<String> publishedTables() {
        try (Stream<Path> runs = Files.list(root.resolve(".fsc/runs"))) {
            for (Path run : runs.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Path result = run.resolve("result.json");
                if (Files.exists(result)) {
                    JobResult r = JobResult.fromJson(Files.readString(result));
                    if (r.status() == JobResult.Status.OK) {
                        return r.steps().stream().filter(s -> s.kind() == JobManifest.Kind.PUBLISH)
                                .flatMap(s -> s.snapshots().keySet().stream()).sorted().toList();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no successful run in " + root.resolve(".fsc/runs"));
    }

    /** Every row of each table, as sorted JSON lines: a table's content, independent of file layout. */
    Map<String, List<String>> contents(List<String> tables, String label) {
        Path dir = root.resolve("out").resolve(label);
        List<String> args = new ArrayList<>(List.of("dataset", "export", "--project", root.toString(), "--out", dir.toString()));
        tables.forEach(t -> args.addAll(List.of("--table", t)));
        fsc(args.toArray(String[]::new));
        Map<String, List<String>> contents = new java.util.TreeMap<>();
        try {
            for (String table : tables) {
                Path file = tables.size() == 1 ? dir : dir.resolve(table + ".jsonl");
                contents.put(table, Files.readAllLines(file, StandardCharsets.UTF_8).stream().sorted().toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contents;
    }

    static String fsc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, () -> "fsc " + String.join(" ", args) + " failed:\n" + out + err);
        return out.toString();
    }
}
