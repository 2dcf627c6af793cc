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

/** The daily DAGs of the examples: which steps each task runs, their schedules, and each task's manifest. */
class DagPlannerTest {
    private static final Path EXAMPLES = Path.of("..", "specs", "examples");

    private record Compiled(Model model, JobManifest job, List<DailyDag> dags) {
        DailyDag dag(String id) {
            return dags.stream().filter(d -> d.dagId().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no DAG " + id));
        }

        JobManifest manifest(String dag, String task) {
            DailyDag d = dag(dag);
            return TaskManifests.of(job, d, d.task(task).orElseThrow());
        }
    }

    private static Compiled compile(String example) {
        Model model = new Compiler().compile(EXAMPLES.resolve(example)).model().orElseThrow();
        JobManifest job = new SparkCodegen().generate(model, new ModelToPlan().plan(model), "test",
                SparkCodegen.localInputs(model.project(), "local")).manifest();
        return new Compiled(model, job, new DagPlanner().plan(model, job));
    }

    @Test
    void everyStepRunsInATaskAndOnlyTheChecksAndPublishRunTwice() {
        Compiled c = compile("marketplace");
        Set<String> covered = new HashSet<>();
        for (DailyDag dag : c.dags()) {
            for (DagTask task : dag.tasks()) {
                for (String step : task.steps()) {
                    boolean rerun = step.equals("events") || step.equals("publish")
                            || task.name().equals("publish") && step.startsWith("check_");
                    assertTrue(covered.add(step) || rerun, "step " + step + " runs in two tasks");
                }
            }
        }
        assertEquals(c.job().steps().stream().map(JobManifest.Step::id).collect(java.util.stream.Collectors.toSet()), covered);
    }

    @Test
    void oneDagPerScheduleTheFeaturesDagAtMidnightAndEachTimeLimitItsEarliestDeadline() {
        Compiled marketplace = compile("marketplace");
        assertEquals(List.of("novamind_daily", "novamind_fraud_training", "novamind_ranking_training"),
                marketplace.dags().stream().map(DailyDag::dagId).toList());
        DailyDag features = marketplace.dag("novamind_daily");
        assertEquals("0 0 * * *", features.schedule());
        assertEquals(Optional.of("05:30"), features.deadline(), "fraud_training's deadline needs the day's tiles");
        assertEquals(Optional.of(Duration.ofMinutes(330)), features.timeout());
        DailyDag fraud = marketplace.dag("novamind_fraud_training");
        assertEquals("30 4 * * *", fraud.schedule());
        assertEquals(Optional.of(Duration.ofHours(1)), fraud.timeout(), "04:30 to 05:30");
        assertEquals(Optional.of(new DailyDag.FeaturesUpstream("novamind_daily", "publish", Duration.ofMinutes(270))), fraud.features());
        assertEquals(Optional.of(Duration.ofHours(1)), marketplace.dag("novamind_ranking_training").timeout(), "05:00 to 06:00");
        DailyDag eta = compile("dispatch").dag("rescuenet_eta_training");
        assertEquals(Optional.of(Duration.ofMinutes(105)), eta.timeout(), "04:15 to 06:00");
        assertEquals(Optional.of(java.time.LocalTime.of(4, 30)), DailySchedule.timeOfDay("30 4 * * 1-5"));
        assertEquals(Optional.empty(), DailySchedule.timeOfDay("0 */6 * * *"), "not at one time of day: no deadline, no delta");
    }

    @Test
    void edgesFollowTheJobAndTheGateComesBeforeAnyTile() {
        Compiled c = compile("marketplace");
        DailyDag dag = c.dag("novamind_daily");
        assertEquals(List.of("wait_for_orders"), dag.task("silver_orders").orElseThrow().upstream());
        assertEquals(List.of("silver_catalog", "silver_clicks", "silver_impressions", "silver_orders", "silver_users"),
                dag.task("quality_gate_silver").orElseThrow().upstream());
        assertEquals(List.of("quality_gate_silver"), dag.task("tiles_user_order_stats").orElseThrow().upstream());
        assertEquals(Optional.of("user_order_stats"), dag.task("tiles_user_order_stats").orElseThrow().group());
        assertEquals("user_order_stats.tiles", dag.task("tiles_user_order_stats").orElseThrow().airflowId());
        assertEquals(8, dag.task("publish").orElseThrow().upstream().size(), "every view's tiles");
        DailyDag fraud = c.dag("novamind_fraud_training");
        assertEquals(List.of("wait_for_features"), fraud.task("dataset_fraud_training").orElseThrow().upstream());
        assertEquals(List.of("dataset_fraud_training"), fraud.task("publish_fraud_training").orElseThrow().upstream());
        assertEquals("publish", fraud.task("publish_fraud_training").orElseThrow().taskId());
    }

    @Test
    void eachDagPublishesItsOwnTablesFromItsOwnBranch() {
        Compiled c = compile("marketplace");
        JobManifest features = c.manifest("novamind_daily", "publish");
        List<String> errorChecks = c.job().steps().stream()
                .filter(s -> s.kind() == Kind.CHECK && s.severity() == Severity.ERROR).map(JobManifest.Step::id).toList();
        assertEquals(errorChecks, features.step("publish").orElseThrow().dependsOn(), "re-audits every error check first");
        List<String> datasets = List.of("gold.fraud_training", "gold.ranking_training");
        assertEquals(c.job().publishedTables().stream().filter(t -> !datasets.contains(t)).toList(), features.publishedTables());
        assertEquals(c.job().branch(), features.branch(), "the features DAG: the branch of the whole job");
        assertTrue(features.steps().stream().noneMatch(s -> s.kind() == Kind.CHECK && s.severity() == Severity.WARN),
                "warn checks block nothing: the gate reported them");
        JobManifest fraud = c.manifest("novamind_fraud_training", "publish_fraud_training");
        assertEquals(List.of("gold.fraud_training"), fraud.publishedTables());
        assertEquals(Optional.of("fsc-fraud_training"), fraud.branch());
        assertEquals(List.of("publish", "tag_fraud_training"), fraud.steps().stream().map(JobManifest.Step::id).toList());
        assertEquals(Optional.of("fsc-fraud_training"), c.manifest("novamind_fraud_training", "dataset_fraud_training").branch());
    }

    @Test
    void aTaskDefinesOnlyTheViewsItReads() {
        Compiled c = compile("marketplace");
        JobManifest tiles = c.manifest("novamind_daily", "tiles_user_order_stats");
        List<String> views = tiles.step("events").orElseThrow().sql().stream()
                .map(sql -> sql.replaceAll("(?s).*TEMPORARY VIEW (\\w+) AS.*", "$1")).toList();
        assertEquals(List.of("orders", "user_order_stats__events"), views);
        JobManifest silver = c.manifest("novamind_daily", "silver_orders");
        assertEquals(List.of("load_orders", "silver_orders", "versions_orders"), silver.steps().stream().map(JobManifest.Step::id).toList());
        assertEquals(List.of(), silver.step("load_orders").orElseThrow().dependsOn());
        assertEquals(List.of("silver_orders"), silver.step("versions_orders").orElseThrow().dependsOn());
    }

    @Test
    void hashesAreStableAndDifferPerTask() {
        Compiled a = compile("marketplace");
        Compiled b = compile("marketplace");
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (DailyDag dag : a.dags()) {
            for (DagTask task : dag.tasks()) {
                if (task.kind() == DagTask.Kind.SPARK) {
                    String hash = TaskManifests.hash(a.manifest(dag.dagId(), task.name()));
                    assertEquals(hash, TaskManifests.hash(b.manifest(dag.dagId(), task.name())));
                    assertTrue(hash.matches("[0-9a-f]{16}"), hash);
                    hashes.put(task.name(), hash);
                }
            }
        }
        assertEquals(hashes.size(), new HashSet<>(hashes.values()).size(), "two tasks share a hash: " + hashes);
    }
}
