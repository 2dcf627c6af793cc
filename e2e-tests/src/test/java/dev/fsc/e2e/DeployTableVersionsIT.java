package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import dev.fsc.common.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A breaking change to a live Iceberg table makes {@code fsc deploy} create the next version of the table instead of
 * refusing or rewriting it (real Spark, real local Iceberg warehouse): the live table keeps its rows and schema, the
 * new version exists empty with the new schema, the state document records the version, a second deploy changes
 * nothing, and compile, run and status of the environment name the new version.
 */
class DeployTableVersionsIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath()
            .resolve("deploy-table-versions-" + System.currentTimeMillis());
    private static final LocalDate DAY_1 = LocalDate.of(2026, 10, 1);
    private static final LocalDate DAY_2 = DAY_1.plusDays(1);
    private static final String TILES = "gold.user_click_stats__tiles_1m";
    private static final String TILES_V2 = TILES + "__v2";
    /** ranking_training selects cart_clicks_24h: its column changes type too, so the dataset's table also gets a version */
    private static final String DATASET = "gold.ranking_training";
    private static final Pattern OLD_NAME = Pattern.compile("(" + Pattern.quote(TILES) + "|" + Pattern.quote(DATASET) + ")(?!__v|\\w)");

    @Test
    void aBreakingChangeCreatesANewTableVersionAndLeavesTheLiveTableAsItWas() throws IOException {
        ExampleProject project = ExampleProject.copy("marketplace", Files.createDirectories(WORK));
        project.sampleData(DAY_1, 2, 60);
        project.run(DAY_1, DAY_1);
        Cli first = fsc(project, "deploy", "--env", "local", "--auto-approve");
        assertEquals(0, first.exit(), first.output());
        List<String> rowsBefore = project.contents(List.of(TILES), "before").get(TILES);
        assertFalse(rowsBefore.isEmpty(), "the run wrote tiles");
        Map<String, String> schemaBefore = schema(project, TILES);
        Path metadataV1 = currentMetadata(project, TILES);

        // cart_clicks' sum state goes from BIGINT to DECIMAL(38,1): Iceberg cannot promote a long to a decimal
        Path view = project.root().resolve("features/user_click_stats.yaml");
        Files.writeString(view, Files.readString(view).replace("THEN 1 ELSE 0 END\"\n    agg: sum", "THEN 1.5 ELSE 0 END\"\n    agg: sum"));
        assertTrue(Files.readString(view).contains("THEN 1.5 ELSE 0 END"), "the spec was changed");
        Cli breaking = fsc(project, "deploy", "--env", "local", "--auto-approve");
        assertEquals(0, breaking.exit(), breaking.output());
        assertTrue(breaking.output().contains("New table versions (2)"), breaking.output());
        assertTrue(breaking.output().contains("+ " + TILES_V2 + "  (version 2 of " + TILES + ", was " + TILES + ")\n      table "
                + TILES + ": INCOMPATIBLE: column cart_clicks__sum is long, the spec makes it decimal(38, 1)"), "with the reason: " + breaking.output());
        assertTrue(breaking.output().contains("+ " + DATASET + "__v2  (version 2 of " + DATASET + ", was " + DATASET + ")"), breaking.output());
        assertTrue(breaking.output().contains("EMPTY until backfilled"), breaking.output());
        assertTrue(breaking.output().contains("fsc backfill --days N --dataset ranking_training; fsc backfill --days N --view user_click_stats"),
                breaking.output());
        assertTrue(breaking.output().contains("created " + TILES_V2), "deploy created the new version: " + breaking.output());

        // the live table: same metadata file, same schema, same rows
        assertEquals(metadataV1, currentMetadata(project, TILES), "the live table was not written to");
        assertEquals(schemaBefore, schema(project, TILES));
        assertEquals(rowsBefore, project.contents(List.of(TILES), "old-after").get(TILES));
        // the new version: the new schema, no rows yet
        Map<String, String> schemaV2 = schema(project, TILES_V2);
        assertEquals(schemaBefore.keySet(), schemaV2.keySet(), "the same columns");
        List<String> changed = schemaBefore.keySet().stream().filter(c -> !schemaBefore.get(c).equals(schemaV2.get(c))).toList();
        assertEquals(1, changed.size(), "one column changed type: " + schemaBefore + " vs " + schemaV2);
        assertEquals("long", schemaBefore.get(changed.get(0)));
        assertTrue(schemaV2.get(changed.get(0)).startsWith("decimal(38"), schemaV2.toString());
        assertEquals(List.of(), project.contents(List.of(TILES_V2), "v2-empty").get(TILES_V2), "empty until backfilled");

        Path stateFile = project.root().resolve(".fsc/state/local/state.json");
        Map<String, Object> state = Json.parseObject(Files.readString(stateFile));
        assertEquals(Map.of(TILES, 2L, DATASET, 2L), longs((Map<?, ?>) state.get("table_versions")), "the state records the versions");
        assertTrue(schema(project, DATASET + "__v2").get("cart_clicks_24h").startsWith("decimal(38"));
        assertEquals("long", schema(project, DATASET).get("cart_clicks_24h"), "the live dataset table keeps its schema");

        String stateText = Files.readString(stateFile);
        Cli again = fsc(project, "deploy", "--env", "local", "--auto-approve");
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("No changes."), again.output());
        assertEquals(stateText, Files.readString(stateFile), "a second deploy writes nothing");

        Path compiled = project.root().resolve("out/compiled");
        Cli compile = fsc(project, "compile", "--env", "local", "--out", compiled.toString());
        assertEquals(0, compile.exit(), compile.output());
        assertTrue(compile.output().contains("table version: " + TILES + " -> " + TILES_V2 + " (version 2)"), compile.output());
        assertTrue(Files.readString(compiled.resolve("spark/tiles_user_click_stats_1m.sql")).contains("CREATE TABLE IF NOT EXISTS " + TILES_V2));
        String datasetSql = Files.readString(compiled.resolve("spark/dataset_ranking_training.sql"));
        assertTrue(datasetSql.contains(TILES_V2), "the dataset reads the new tiles");
        assertTrue(datasetSql.contains("CREATE TABLE IF NOT EXISTS " + DATASET + "__v2"), "and writes its own new version");
        try (Stream<Path> files = Files.walk(compiled)) {
            // plan.json is the environment-independent plan: it speaks of logical tables (a dataset's output.table)
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("plan.json")).toList()) {
                assertFalse(OLD_NAME.matcher(Files.readString(f)).find(), f + " names the old version");
            }
        }
        assertTrue(fsc(project, "status", "--env", "local").output().contains("table      " + TILES + " -> " + TILES_V2 + " (version 2)"));

        // fsc run on the environment writes the new version; the old one keeps what it had
        project.run(DAY_2, DAY_2);
        List<String> v2 = project.contents(List.of(TILES_V2), "v2-day2").get(TILES_V2);
        assertFalse(v2.isEmpty(), "the next run writes the new version");
        assertTrue(v2.stream().allMatch(l -> l.contains("2026-10-02")), "only the day run since (no backfill): " + v2.get(0));
        assertEquals(rowsBefore, project.contents(List.of(TILES), "old-day2").get(TILES), "the old version is not written");
        assertEquals(metadataV1, currentMetadata(project, TILES), "not even a new snapshot");

        // the backfill deploy asked for fills the new version's earlier day: as many tiles as the old version has
        ExampleProject.fsc("backfill", "--project", project.root().toString(), "--from", DAY_1.toString(), "--to", DAY_1.toString(),
                "--view", "user_click_stats");
        List<String> filled = project.contents(List.of(TILES_V2), "v2-backfilled").get(TILES_V2);
        assertEquals(rowsBefore.size(), filled.stream().filter(l -> !l.contains("2026-10-02")).count(), "day 1 backfilled");
        assertEquals(v2.size(), filled.stream().filter(l -> l.contains("2026-10-02")).count(), "day 2 kept");
        assertEquals(rowsBefore, project.contents(List.of(TILES), "old-backfill").get(TILES), "the old version is not written");
        assertEquals(metadataV1, currentMetadata(project, TILES));
    }

    private static Map<String, Long> longs(Map<?, ?> json) {
        Map<String, Long> out = new TreeMap<>();
        json.forEach((k, v) -> out.put((String) k, ((Number) v).longValue()));
        return out;
    }

    /** The table's current metadata file in the local (hadoop) warehouse: {@code version-hint.text} names it. */
    private static Path currentMetadata(ExampleProject project, String table) throws IOException {
        Path metadata = project.root().resolve(".fsc/warehouse").resolve(table.replace('.', '/')).resolve("metadata");
        String version = Files.readString(metadata.resolve("version-hint.text")).strip();
        return metadata.resolve("v" + version + ".metadata.json");
    }

    /** Column name to Iceberg type of the table's current schema, read from its metadata file. */
    private static Map<String, String> schema(ExampleProject project, String table) throws IOException {
        Map<String, Object> metadata = Json.parseObject(Files.readString(currentMetadata(project, table)));
        Number current = (Number) metadata.get("current-schema-id");
        for (Object s : (List<?>) metadata.get("schemas")) {
            Map<?, ?> schema = (Map<?, ?>) s;
            if (((Number) schema.get("schema-id")).intValue() == current.intValue()) {
                Map<String, String> columns = new TreeMap<>();
                for (Object f : (List<?>) schema.get("fields")) {
                    Map<?, ?> field = (Map<?, ?>) f;
                    columns.put((String) field.get("name"), String.valueOf(field.get("type")));
                }
                return columns;
            }
        }
        throw new AssertionError("no current schema in " + currentMetadata(project, table));
    }

    private record Cli(int exit, String output) {
    }

    private static Cli fsc(ExampleProject project, String... args) {
        StringWriter out = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--project", project.root().toString())).toArray(String[]::new);
        int exit = Main.run(all, new PrintWriter(out, true), new PrintWriter(out, true));
        return new Cli(exit, out.toString());
    }
}
