package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming path computes what the batch path computes: the same generated event log (duplicates,
 * disorder, late events, CDC updates and deletes) through {@code fsc run} (Spark) and through the generated
 * Flink jobs ({@code fsc stream}, local file mode, a warehouse of its own), compared by {@code fsc
 * verify-parity}: every tile table of every online view, row for row.
 */
class StreamMatchesBatchIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath();
    private static final LocalDate START = LocalDate.parse("2026-10-01");
    private static final Pattern SUMMARY = Pattern.compile("tile rows matching: (\\d+) / (\\d+) = ([0-9.]+) %");
    private static final Pattern FEATURES = Pattern.compile("feature values matching: (\\d+) / (\\d+) ");

    @ParameterizedTest
    @ValueSource(strings = {"marketplace", "dispatch"})
    void everyTileRowOfTheStreamingJobsEqualsTheBatchTiles(String example) throws IOException {
        int days = Integer.getInteger("fsc.it.parity.days", 2);
        ExampleProject project = ExampleProject.copy(example, fresh("parity-" + example));
        project.sampleData(START, days, Integer.getInteger("fsc.it.parity.events", 300));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"verify-parity", "--project", project.root().toString(),
                "--from", START.toString(), "--to", START.plusDays(days - 1).toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        String output = out + err.toString();
        Matcher summary = SUMMARY.matcher(output);
        assertTrue(summary.find(), () -> "no parity summary:\n" + output);
        long rows = Long.parseLong(summary.group(2));
        assertTrue(rows > 100, () -> "too few tile rows to compare (" + rows + "):\n" + output);
        assertEquals(summary.group(2), summary.group(1), () -> "tile rows differ:\n" + output);
        Matcher features = FEATURES.matcher(output);
        assertTrue(features.find() && Long.parseLong(features.group(2)) > 0,
                () -> "no feature values compared at probed (key, t):\n" + output);
        assertEquals(features.group(2), features.group(1), () -> "feature values differ:\n" + output);
        assertEquals(0, exit, () -> output);
    }

    private static Path fresh(String name) throws IOException {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
