package dev.fsc.compiler.codegen.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobManifest.Severity;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The daily DAG of the examples: which steps each task runs, its schedule, and each task's manifest. */
class DagPlannerTest {
    private static final Path EXAMPLES = Path.of("..", "specs", "examples");

    private record Compiled(Model model, JobManifest job, DailyDag dag) {
    }

    private static Compiled compile(String example) {
        Model model = new Compiler().compile(EXAMPLES.resolve(example)).model().orElseThrow();
        JobManifest job = new SparkCodegen().generate(model, new ModelToPlan().plan(model), "test",
                SparkCodegen.localInputs(model.project(), "local")).manifest();
        return new Compiled(model, job, new DagPlanner().plan(model, job));
    }

    @Test
    void everyStepRunsInATaskAndOnlyTheChecksRunTwice() {
        Compiled c = compile("marketplace");
        Set<String> covered = new HashSet<>();
        for (DagTask task : c.dag().tasks()) {
            for (String step : task.steps()) {
                boolean rerun = step.equals("events") || task.name().equals("publish") && step.startsWith("check_");
                assertTrue(covered.add(step) || rerun, "step " + step + " runs in two tasks");
            }
        }
        assertEquals(c.job().steps().stream().map(JobManifest.Step::id).collect(java.util.stream.Collectors.toSet()), covered);
    }

    @Test
    void scheduleIsTheEarliestDatasetScheduleAndTheTimeLimitTheEarliestDeadline() {
        DailyDag marketplace = compile("marketplace").dag();
        assertEquals("novamind_daily", marketplace.dagId());
        assertEquals("30 4 * * *", marketplace.schedule(), "fraud_training runs at 04:30, ranking_training at 05:00");
        assertEquals(Optional.of("05:30"), marketplace.deadline());
        assertEquals(Optional.of(Duration.ofHours(1)), marketplace.timeout());
        DailyDag dispatch = compile("dispatch").dag();
        assertEquals("15 4 * * *", dispatch.schedule());
        assertEquals(Optional.of(Duration.ofMinutes(105)), dispatch.timeout(), "04:15 to 06:00");
        assertEquals(Optional.of(java.time.LocalTime.of(4, 30)), DailySchedule.timeOfDay("30 4 * * *"));
        assertEquals(Optional.empty(), DailySchedule.timeOfDay("0 */6 * * *"), "not once a day: no time limit from a deadline");
    }

    @Test
    void edgesFollowTheJobAndTheGateComesBeforeAnyTile() {
        DailyDag dag = compile("marketplace").dag();
        assertEquals(List.of("wait_for_orders"), dag.task("silver_orders").orElseThrow().upstream());
        assertEquals(List.of("silver_catalog", "silver_clicks", "silver_impressions", "silver_orders", "silver_users"),
                dag.task("quality_gate_silver").orElseThrow().upstream());
        assertEquals(List.of("quality_gate_silver"), dag.task("tiles_user_order_stats").orElseThrow().upstream());
        assertEquals(Optional.of("user_order_stats"), dag.task("tiles_user_order_stats").orElseThrow().group());
        assertEquals("user_order_stats.tiles", dag.task("tiles_user_order_stats").orElseThrow().airflowId());
        assertEquals(List.of("dataset_fraud_training", "dataset_ranking_training"), dag.task("publish").orElseThrow().upstream());
        assertFalse(dag.task("dataset_fraud_training").orElseThrow().upstream().contains("tiles_item_click_stats"),
                "fraud_training selects no feature of item_click_stats");
    }

    @Test
    void publishTaskReauditsEveryErrorCheckBeforePublishing() {
        Compiled c = compile("marketplace");
        JobManifest publish = TaskManifests.of(c.job(), c.dag().task("publish").orElseThrow());
        List<String> errorChecks = c.job().steps().stream()
                .filter(s -> s.kind() == Kind.CHECK && s.severity() == Severity.ERROR).map(JobManifest.Step::id).toList();
        assertEquals(errorChecks, publish.step("publish").orElseThrow().dependsOn());
        assertEquals(c.job().publishedTables(), publish.publishedTables());
        assertEquals(c.job().branch(), publish.branch(), "the same branch as the whole job");
        assertTrue(publish.steps().stream().noneMatch(s -> s.kind() == Kind.CHECK && s.severity() == Severity.WARN),
                "warn checks block nothing: the gate reported them");
    }

    @Test
    void aTaskDefinesOnlyTheViewsItReads() {
        Compiled c = compile("marketplace");
        JobManifest tiles = TaskManifests.of(c.job(), c.dag().task("tiles_user_order_stats").orElseThrow());
        List<String> views = tiles.step("events").orElseThrow().sql().stream()
                .map(sql -> sql.replaceAll("(?s).*TEMPORARY VIEW (\\w+) AS.*", "$1")).toList();
        assertEquals(List.of("orders", "user_order_stats__events"), views);
        JobManifest silver = TaskManifests.of(c.job(), c.dag().task("silver_orders").orElseThrow());
        assertEquals(List.of("load_orders", "silver_orders", "versions_orders"), silver.steps().stream().map(JobManifest.Step::id).toList());
        assertEquals(List.of(), silver.step("load_orders").orElseThrow().dependsOn());
        assertEquals(List.of("silver_orders"), silver.step("versions_orders").orElseThrow().dependsOn());
    }

    @Test
    void hashesAreStableAndDifferPerTask() {
        Compiled a = compile("marketplace");
        Compiled b = compile("marketplace");
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (DagTask task : a.dag().tasks()) {
            if (task.kind() == DagTask.Kind.SPARK) {
                String hash = TaskManifests.hash(TaskManifests.of(a.job(), task));
                assertEquals(hash, TaskManifests.hash(TaskManifests.of(b.job(), b.dag().task(task.name()).orElseThrow())));
                assertTrue(hash.matches("[0-9a-f]{16}"), hash);
                hashes.put(task.name(), hash);
            }
        }
        assertEquals(hashes.size(), new HashSet<>(hashes.values()).size(), "two tasks share a hash: " + hashes);
    }
}
