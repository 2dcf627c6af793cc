package dev.fsc.e2e.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test: the oracle over both examples' sample data (generated, as `fsc sample-data` makes it). */
class OracleExamplesTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("fsc.examples", "../specs/examples"));
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-10-01");

    @TempDir
    static Path marketplaceDir;
    private static Path marketplace;

    /** The marketplace with three days of the generator's default sample data. */
    @BeforeAll
    static void marketplaceSampleData() throws IOException {
        marketplace = withSampleData("marketplace", marketplaceDir, 2000);
    }

    @Test
    void silverOfTheMarketplaceSampleDropsWhatTheManifestSaysWasPlanted() throws IOException {
        Path project = marketplace;
        Oracle oracle = Oracle.load(project, FIRST_DAY, LocalDate.parse("2026-10-03"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>)
                Json.parseObject(Files.readString(project.resolve("data/MANIFEST.json"))).get("files");
        for (Map<String, Object> file : files) {
            SilverSource.Stats stats = oracle.stats((String) file.get("source"));
            assertEquals(((Long) file.get("lines")).intValue(), stats.read(), file.get("source") + " lines");
            assertEquals(0, stats.quarantined(), file.get("source") + " quarantined");
            if (file.containsKey("late")) {
                assertEquals(((Long) file.get("late")).intValue(), stats.late(), file.get("source") + " late");
                assertEquals(((Long) file.get("duplicates")).intValue(), stats.duplicates(), file.get("source") + " duplicates");
            }
        }
        // Three days of data and horizons of 7d and 30d: no row is mature yet.
        assertEquals(List.of(), oracle.dataset("ranking_training"));
        assertEquals(List.of(), oracle.dataset("fraud_training"));
    }

    @Test
    void marketplaceDatasetsOverTheSampleOnceTheirHorizonsHavePassed() {
        // Runs up to 10-31 see the same three days of files; the rows of 10-01 are then mature.
        Oracle oracle = Oracle.load(marketplace, FIRST_DAY, LocalDate.parse("2026-10-31"));
        List<Map<String, Object>> ranking = oracle.dataset("ranking_training");
        assertTrue(ranking.size() > 1000, "ranking rows: " + ranking.size());
        assertMostlyFilled(ranking, 50);
        List<Map<String, Object>> fraud = oracle.dataset("fraud_training");
        assertTrue(fraud.size() > 50, "fraud rows: " + fraud.size());
        assertMostlyFilled(fraud, 33);
    }

    @Test
    void dispatchDatasetOverGeneratedSampleData(@TempDir Path dir) throws IOException {
        Path project = withSampleData("dispatch", dir, 500);
        List<Map<String, Object>> eta = Oracle.load(project, FIRST_DAY, LocalDate.parse("2026-10-03")).dataset("eta_training");
        assertTrue(eta.size() > 100, "eta rows: " + eta.size());
        assertMostlyFilled(eta, 61);
    }

    /** Every row has all columns, and every column has a value in some row. */
    private static void assertMostlyFilled(List<Map<String, Object>> rows, int columns) {
        for (Map<String, Object> row : rows) {
            assertEquals(columns, row.size());
        }
        for (String column : rows.get(0).keySet()) {
            assertTrue(rows.stream().anyMatch(r -> r.get(column) != null), column + " is NULL in every row");
        }
    }

    /** A copy of the example's specs in {@code dir} with three days of sample data. */
    private static Path withSampleData(String example, Path dir, int eventsPerDay) throws IOException {
        Path project = dir.resolve(example);
        copySpecs(EXAMPLES.resolve(example), project);
        StringWriter err = new StringWriter();
        int exit = dev.fsc.cli.Main.run(new String[] {"sample-data", "--project", project.toString(), "--days", "3",
            "--events-per-day", String.valueOf(eventsPerDay)}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        return project;
    }

    private static void copySpecs(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !from.relativize(f).startsWith("data")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
