package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.FeatureViewSpec.Agg;
import dev.fsc.compiler.spec.KeyMapping;
import dev.fsc.compiler.spec.Located;
import dev.fsc.e2e.oracle.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The batch path end to end, against the independent oracle: sample data through {@code fsc run} (Spark,
 * Iceberg, one JVM per run as in production), every dataset exported and compared with the oracle on every
 * value of every row. The marketplace data also carries planted clicks just after the last impression of
 * each user and item: the oracle shows they are in the future of every ranking row, so any leakage of a
 * future event into a feature would show as a difference; and clicks exactly on window edges and label
 * horizons.
 */
class BatchMatchesOracleIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath();
    private static final LocalDate START = LocalDate.parse("2026-10-01");

    @Test
    void marketplaceDatasetsMatchTheOracleAndNoFutureEventLeaks() throws Exception {
        int days = Integer.getInteger("fsc.it.marketplace.days", 31); // fraud_training matures after 30 days
        LocalDate last = START.plusDays(days - 1);
        ExampleProject project = ExampleProject.copy("marketplace", fresh("marketplace"));
        project.sampleData(START, days, 100);
        Oracle original = Oracle.load(project.root(), START, last);
        int planted = PlantedClicks.plant(project.root(), last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertTrue(planted > 100, "planted " + planted + " future clicks");
        Oracle oracle = Oracle.load(project.root(), START, last);

        // the planted clicks are in the future of every ranking row: the oracle's features do not move
        Model model = model(project.root());
        Dataset ranking = model.dataset("ranking_training").orElseThrow();
        Set<String> labels = labelNames(ranking);
        RowComparison featuresOnly = new RowComparison(identity(ranking), approximate(ranking), labels);
        assertEquals(List.of(), featuresOnly.differences(oracle.dataset("ranking_training"), original.dataset("ranking_training")),
                "planted clicks must be in the future of every ranking row");

        // clicks exactly on window edges and label horizons, which the oracle counts or not by the contract
        int edges = PlantedClicks.plantBoundaries(project.root(), START.atStartOfDay().toInstant(ZoneOffset.UTC),
                last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), 40);
        assertTrue(edges > 100, "planted " + edges + " clicks on window edges");
        oracle = Oracle.load(project.root(), START, last);

        project.run(START, last);
        for (Dataset dataset : model.datasets()) {
            assertMatches(project, oracle, dataset);
        }

        // idempotent: running the same days again leaves every published table as it was
        List<String> tables = project.publishedTables();
        Map<String, List<String>> published = project.contents(tables, "first");
        project.run(START, last);
        assertEquals(published, project.contents(tables, "again"), "a rerun of the same days changed a table");

        // a failed error check publishes nothing: a repeated impression_id (unique, severity error) on the last day
        ImpressionDuplicate.plant(project.root(), last);
        String failed = project.runFailing(last, last);
        assertTrue(failed.contains("check_impressions_2_unique") && failed.contains("nothing was published"), failed);
        assertEquals(published, project.contents(tables, "after-failed-gate"), "a failed gate changed a table");
    }

    @Test
    void dispatchDatasetMatchesTheOracle() throws Exception {
        int days = Integer.getInteger("fsc.it.dispatch.days", 3);
        LocalDate last = START.plusDays(days - 1);
        ExampleProject project = ExampleProject.copy("dispatch", fresh("dispatch"));
        project.sampleData(START, days, 300);
        Oracle oracle = Oracle.load(project.root(), START, last);
        project.run(START, last);
        for (Dataset dataset : model(project.root()).datasets()) {
            assertMatches(project, oracle, dataset);
        }
    }

    /** Appends an impression that repeats another's impression_id (a new event_id, so dedup keeps it). */
    private static final class ImpressionDuplicate {
        static void plant(Path project, LocalDate day) throws java.io.IOException {
            Path file = project.resolve("data/impressions.jsonl");
            String victim = Files.readAllLines(file).stream().filter(l -> l.contains("\"ts\":\"" + day)).findFirst().orElseThrow();
            String copy = victim.replaceFirst("\"event_id\":\"[^\"]*\"", "\"event_id\":\"duplicate-impression\"");
            Files.writeString(file, copy + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static void assertMatches(ExampleProject project, Oracle oracle, Dataset dataset) {
        List<Map<String, Object>> expected = oracle.dataset(dataset.name());
        List<Map<String, Object>> actual = project.export(dataset.name());
        RowComparison comparison = new RowComparison(identity(dataset), approximate(dataset), Set.of());
        List<String> differences = comparison.differences(actual, expected);
        try {
            Files.write(WORK.resolve(dataset.name() + ".differences.txt"), differences);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(List.of(), differences.stream().limit(40).toList(), dataset.name() + ": " + differences.size()
                + " differences over " + expected.size() + " oracle rows");
        System.out.printf("%s: %d rows, every value agrees with the oracle%n", dataset.name(), expected.size());
    }

    private static Model model(Path root) {
        return new Compiler().compile(root).model().orElseThrow();
    }

    /** Spine time, keys and carried columns: what identifies a dataset row. */
    private static List<String> identity(Dataset dataset) {
        DatasetSpec.Spine spine = dataset.spec().spine();
        Set<String> columns = new LinkedHashSet<>();
        columns.add(spine.timestamp().value());
        for (DatasetSpec.SpineKey key : spine.keys()) {
            key.column().ifPresent(c -> columns.add(c.value()));
            key.columns().stream().map(KeyMapping::column).map(Located::value).forEach(columns::add);
        }
        spine.columns().stream().map(Located::value).forEach(columns::add);
        return new ArrayList<>(columns);
    }

    private static Set<String> approximate(Dataset dataset) {
        return dataset.features().stream().filter(f -> f.feature().agg() == Agg.COUNT_DISTINCT)
                .map(f -> f.feature().outputName()).collect(Collectors.toSet());
    }

    private static Set<String> labelNames(Dataset dataset) {
        return dataset.labels().stream().map(l -> l.spec().name().value()).collect(Collectors.toSet());
    }

    private static Path fresh(String name) throws java.io.IOException {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
