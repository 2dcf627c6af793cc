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
import org.junit.jupiter.api.Test;

/**
 * {@code fsc deploy} evolves the local Iceberg tables a spec change affects (real Spark, real Iceberg warehouse):
 * a feature added to a view adds its state column to the live tile table in place — the rows already there keep
 * their values and read NULL in it, and the next run writes it. (A change the live table cannot take in place gets
 * a new version of the table: {@link DeployTableVersionsIT}.)
 */
class DeployEvolvesTablesIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath()
            .resolve("deploy-tables-" + System.currentTimeMillis());
    private static final LocalDate DAY_1 = LocalDate.of(2026, 10, 1);
    private static final LocalDate DAY_2 = DAY_1.plusDays(1);
    private static final String TILES = "gold.user_click_stats__tiles_1m";

    @Test
    void compatibleChangesEvolveTheLiveTableInPlace() throws IOException {
        ExampleProject project = ExampleProject.copy("marketplace", Files.createDirectories(WORK));
        project.sampleData(DAY_1, 2, 60);
        project.run(DAY_1, DAY_1);
        Cli first = deploy(project);
        assertEquals(0, first.exit(), first.output());
        assertFalse(first.output().contains("evolve the Iceberg tables"), "the tables match the specs: " + first.output());
        List<String> before = project.contents(List.of(TILES), "before").get(TILES);

        Path view = project.root().resolve("features/user_click_stats.yaml");
        Files.writeString(view, Files.readString(view) + """
                  - name: worst_slot
                    expr: slot
                    agg: max
                    windows: [24h]
                """);
        Cli evolve = deploy(project);
        assertEquals(0, evolve.exit(), evolve.output());
        assertTrue(evolve.output().contains("evolved " + TILES + ": add column"), evolve.output());
        List<String> after = project.contents(List.of(TILES), "after").get(TILES);
        assertEquals(before.size(), after.size(), "no row added or lost");
        String added = newColumn(before.get(0), after.get(0));
        for (int i = 0; i < before.size(); i++) {
            Map<String, Object> row = Json.parseObject(after.get(i));
            assertTrue(row.containsKey(added) && row.get(added) == null, "old rows read NULL in " + added + ": " + after.get(i));
            row.remove(added);
            assertEquals(Json.parseObject(before.get(i)), row, "old rows keep their values");
        }
        project.run(DAY_2, DAY_2);
        assertTrue(project.contents(List.of(TILES), "day2").get(TILES).stream()
                .anyMatch(l -> l.contains("2026-10-02") && Json.parseObject(l).get(added) != null), "the next run writes " + added);
    }

    /** The one column {@code after} has that {@code before} has not. */
    private static String newColumn(String before, String after) {
        List<String> added = Json.parseObject(after).keySet().stream().filter(k -> !Json.parseObject(before).containsKey(k)).toList();
        assertEquals(1, added.size(), "one column added: " + added);
        return added.get(0);
    }

    private record Cli(int exit, String output) {
    }

    private static Cli deploy(ExampleProject project) {
        StringWriter out = new StringWriter();
        int exit = Main.run(new String[] {"deploy", "--env", "local", "--auto-approve", "--project", project.root().toString()},
                new PrintWriter(out, true), new PrintWriter(out, true));
        return new Cli(exit, out.toString());
    }
}
