package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Version;
import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.airflow.DagPlanner;
import dev.fsc.compiler.codegen.airflow.DagTask;
import dev.fsc.compiler.codegen.airflow.DailyDag;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.codegen.spark.SparkSteps;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated DAGs under a real Apache Airflow (from PyPI, see {@code .ci/airflow-venv.sh}), 3.x and 2.10: every
 * DAG of both examples and both environments imports with no import error and has exactly the task graph the Java
 * side planned, which orders every step dependency of the compiled job; and on Airflow 3.x, {@code airflow dags test}
 * of marketplace's local features DAG and then of its ranking dataset's DAG runs every task through
 * {@code fsc run-task} and publishes the day's training dataset.
 */
class AirflowDagIT {
    private static final Path IT = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath().resolve("airflow");
    private static final Path DAG_GRAPH = Path.of("src/test/python/dag_graph.py").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everyDagImportsAndHasThePlannedTaskGraph() {
        return Stream.of(AirflowVenv.AIRFLOW_3, AirflowVenv.AIRFLOW_2).flatMap(release ->
                Stream.of("marketplace", "dispatch").flatMap(example -> Stream.of("local", "prod").map(env ->
                        DynamicTest.dynamicTest("Airflow " + release.version() + ": " + example + " (" + env + ")", () -> checkDagBag(
                                AirflowVenv.require(release, IT.resolve("home-dagbag-" + release.version())), example, env)))));
    }

    private static void checkDagBag(AirflowVenv airflow, String example, String env) throws IOException {
        Path project = ExampleProject.EXAMPLES.resolve(example);
        Path out = IT.resolve("compiled").resolve(example + "-" + env);
        ExampleProject.fsc("compile", "--project", project.toString(), "--env", env, "--out", out.toString());
        Path graphFile = out.resolve("dag-graph-" + airflow.version() + ".json");
        Path log = out.resolve("dagbag-" + airflow.version() + ".log");
        int exit = airflow.run("python", List.of(DAG_GRAPH.toString(), out.resolve("airflow").toString(), graphFile.toString()),
                Map.of(), log, Duration.ofMinutes(5));
        assertEquals(0, exit, () -> "DagBag script failed; log: " + log);
        Map<String, Object> graph = Json.parseObject(Files.readString(graphFile, StandardCharsets.UTF_8));
        assertEquals(Map.of(), graph.get("import_errors"), "import errors");

        Model model = new Compiler().compile(project).model().orElseThrow();
        Plan plan = new ModelToPlan().plan(model);
        JobManifest job = new SparkCodegen().generate(model, plan, Version.current(),
                SparkCodegen.localInputs(model.project(), env), SparkCodegen.catalog(model.project(), env)).manifest();
        List<DailyDag> planned = new DagPlanner().plan(model, job);
        @SuppressWarnings("unchecked")
        Map<String, Object> dags = (Map<String, Object>) graph.get("dags");
        assertEquals(planned.stream().map(DailyDag::dagId).collect(Collectors.toSet()), dags.keySet(), "DAG ids");
        Map<String, Map<String, List<String>>> actual = new TreeMap<>();
        for (DailyDag dag : planned) {
            @SuppressWarnings("unchecked")
            Map<String, Object> loaded = (Map<String, Object>) dags.get(dag.dagId());
            assertEquals(false, loaded.get("catchup"), dag.dagId());
            assertEquals(1L, ((Number) loaded.get("max_active_runs")).longValue(), dag.dagId());
            @SuppressWarnings("unchecked")
            Map<String, List<String>> tasks = new TreeMap<>((Map<String, List<String>>) loaded.get("tasks"));
            assertEquals(expected(dag), tasks, "the task graph (task -> upstream tasks) of " + dag.dagId() + " in Airflow");
            actual.put(dag.dagId(), tasks);
        }
        assertOrdersEveryStepDependency(planned, job, actual);
    }

    /** The planned graph as Airflow ids: task → sorted upstream task ids. */
    private static Map<String, List<String>> expected(DailyDag dag) {
        Map<String, String> ids = new HashMap<>();
        dag.tasks().forEach(t -> ids.put(t.name(), t.airflowId()));
        Map<String, List<String>> graph = new TreeMap<>();
        dag.tasks().forEach(t -> graph.put(t.airflowId(), t.upstream().stream().map(ids::get).sorted().toList()));
        return graph;
    }

    /**
     * Independently of how the planner derives edges: every step runs in some task, and whenever a step depends on
     * another step run by a different task, Airflow runs that task first: it is an ancestor in the same DAG, or the
     * step's DAG waits for the other DAG's publish task, which runs after it. Each DAG publishes its own tables,
     * every table exactly once, so a DAG's publish only needs its own DAG's steps.
     */
    private static void assertOrdersEveryStepDependency(List<DailyDag> dags, JobManifest job,
                                                        Map<String, Map<String, List<String>>> airflowGraphs) {
        List<String> published = dags.stream().flatMap(d -> d.publishes().stream()).sorted().toList();
        assertEquals(job.publishedTables().stream().sorted().toList(), published, "every table published by exactly one DAG");
        Map<String, Map<String, String>> ownerIn = new HashMap<>(); // dag -> step -> task
        for (DailyDag dag : dags) {
            Map<String, String> owner = ownerIn.computeIfAbsent(dag.dagId(), d -> new HashMap<>());
            dag.tasks().forEach(t -> t.steps().stream().filter(s -> !s.equals(SparkSteps.EVENTS)).forEach(s -> owner.putIfAbsent(s, t.airflowId())));
        }
        for (JobManifest.Step step : job.steps()) {
            if (step.id().equals(SparkSteps.EVENTS)) {
                continue;
            }
            List<DailyDag> running = dags.stream().filter(d -> ownerIn.get(d.dagId()).containsKey(step.id())).toList();
            assertFalse(running.isEmpty(), "no task runs step " + step.id());
            for (DailyDag dag : running) {
                Map<String, String> owner = ownerIn.get(dag.dagId());
                Map<String, List<String>> graph = airflowGraphs.get(dag.dagId());
                String to = owner.get(step.id());
                for (String dep : step.dependsOn()) {
                    List<String> reads = dep.equals(SparkSteps.EVENTS) ? job.step(dep).orElseThrow().dependsOn() : List.of(dep);
                    for (String read : reads) {
                        if (owner.containsKey(read)) {
                            String from = owner.get(read);
                            assertTrue(from.equals(to) || ancestors(graph, to).contains(from),
                                    dag.dagId() + ": step " + step.id() + " (task " + to + ") needs " + read + " (task " + from + ") first");
                        } else if (step.kind() != JobManifest.Kind.PUBLISH) {
                            DailyDag.FeaturesUpstream upstream = dag.features().orElseThrow(() -> new AssertionError(
                                    dag.dagId() + ": step " + step.id() + " needs " + read + " of another DAG, and waits for none"));
                            String from = ownerIn.get(upstream.dagId()).get(read);
                            assertTrue(from != null && ancestors(airflowGraphs.get(upstream.dagId()), upstream.taskId()).contains(from),
                                    dag.dagId() + ": step " + step.id() + " needs " + read + ", which " + upstream.dagId()
                                            + " does not run before " + upstream.taskId());
                            assertTrue(ancestors(graph, to).contains(DagPlanner.WAIT_FOR_FEATURES),
                                    dag.dagId() + ": task " + to + " does not wait for the features");
                        }
                    }
                }
            }
        }
    }

    private static Set<String> ancestors(Map<String, List<String>> graph, String task) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(graph.get(task));
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (seen.add(t)) {
                todo.addAll(graph.get(t));
            }
        }
        return seen;
    }

    @Test
    void marketplaceDailyDagRunsEveryTaskAndPublishesTheDataset() throws IOException {
        AirflowVenv airflow = AirflowVenv.require(IT.resolve("home-dags-test"));
        Path root = IT.resolve("marketplace");
        deleteRecursively(root);
        deleteRecursively(airflow.home());
        ExampleProject project = ExampleProject.copy("marketplace", root);
        // Eight days of history first, so the ranking dataset's 7-day labels mature on the day the DAG runs.
        LocalDate first = LocalDate.parse("2026-10-01");
        LocalDate day = first.plusDays(8);
        project.sampleData(first, 9, 300);
        project.run(first, day.minusDays(1));

        Path dags = root.resolve("build");
        ExampleProject.fsc("compile", "--project", root.toString(), "--env", "local", "--out", dags.toString());
        Path launcher = IT.resolve("fsc.sh");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + javaBinary() + "' -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' dev.fsc.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
        assertTrue(launcher.toFile().setExecutable(true));
        Map<String, String> env = Map.of(
                "AIRFLOW__CORE__DAGS_FOLDER", dags.resolve("airflow").toString(),
                "FSC", launcher.toString(),
                "FSC_PROJECT", root.toString());
        Path logs = root.resolve("airflow-logs");
        assertEquals(0, airflow.run("airflow", List.of("db", "migrate"), env, logs.resolve("db-migrate.log"), Duration.ofMinutes(5)),
                "airflow db migrate failed; log: " + logs.resolve("db-migrate.log"));
        String output = dagsTest(airflow, env, logs, "novamind_daily", day.toString());
        // the dataset DAG's run of the same day: its logical date is the day at its scheduled time, 05:00 UTC
        output += dagsTest(airflow, env, logs, "novamind_ranking_training", day + "T05:00:00+00:00");

        Model model = new Compiler().compile(root).model().orElseThrow();
        List<DailyDag> planned = new DagPlanner().plan(model, new SparkCodegen().generate(model, new ModelToPlan().plan(model),
                Version.current(), SparkCodegen.localInputs(model.project(), "local")).manifest());
        long spark = 0;
        for (DailyDag dag : planned.stream().filter(d -> List.of("novamind_daily", "novamind_ranking_training").contains(d.dagId())).toList()) {
            for (DagTask task : dag.tasks()) {
                if (task.kind() == DagTask.Kind.SPARK) {
                    assertTrue(output.contains("fsc run-task: " + dag.dagId() + " " + task.name() + " "),
                            "task " + task.name() + " did not run; logs: " + logs);
                    spark++;
                }
            }
        }
        assertEquals(spark, output.lines().filter(l -> l.contains("fsc run-task: ok")).count(), "Spark tasks that succeeded");

        long before = exportedRows(root, "ranking_training", day.minusDays(1));
        long built = exportedRows(root, "ranking_training", day);
        assertTrue(built > before, "the DAG's build " + day + " of ranking_training has " + built
                + " rows, the previous build " + before + ": the day added no rows");
    }

    /** {@code airflow dags test} of one DAG run; its log, which must show a successful run. */
    private static String dagsTest(AirflowVenv airflow, Map<String, String> env, Path logs, String dagId, String logicalDate) throws IOException {
        Path log = logs.resolve("dags-test-" + dagId + ".log");
        int exit = airflow.run("airflow", List.of("dags", "test", dagId, logicalDate), env, log, Duration.ofMinutes(40));
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, exit, "airflow dags test " + dagId + " failed; log: " + log);
        assertTrue(output.contains("dag_id=" + dagId) && output.contains("state=success"), "the DAG run did not succeed; log: " + log);
        return output;
    }

    /** Rows of a dataset's build of one day (its snapshot tag), through {@code fsc dataset export}. */
    private static long exportedRows(Path root, String dataset, LocalDate build) throws IOException {
        Path out = root.resolve("out").resolve(dataset + "-" + build + ".jsonl");
        ExampleProject.fsc("dataset", "export", dataset, "--project", root.toString(), "--build", build.toString(),
                "--format", "jsonl", "--out", out.toString());
        try (Stream<String> lines = Files.lines(out)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
