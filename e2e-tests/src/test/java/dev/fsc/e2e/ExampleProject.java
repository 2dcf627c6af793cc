package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.cli.Main;
import dev.fsc.common.json.Json;
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

    static String fsc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, () -> "fsc " + String.join(" ", args) + " failed:\n" + out + err);
        return out.toString();
    }
}
