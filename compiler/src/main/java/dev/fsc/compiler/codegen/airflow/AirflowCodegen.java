package dev.fsc.compiler.codegen.airflow;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.codegen.spark.SparkSteps;
import dev.fsc.compiler.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * Renders the DAGs of one environment as static Python files, {@code airflow/<dag_id>.py}: plain operators
 * with literal arguments, one line of edges per task, and each Spark task pinned to the content hash of its
 * manifest ({@link TaskManifests}), so a spec change shows in the files' diff exactly where tasks change.
 */
public final class AirflowCodegen {
    /** Where task manifests live under the EMR target's artifacts folder. */
    public static final String MANIFESTS = "manifests";

    private final Templates templates = Templates.of("airflow");

    /** What the Airflow target generates for one environment: the DAGs, their files and each task's manifest. */
    public record AirflowDags(List<DailyDag> dags, Map<String, String> files, Map<String, JobManifest> taskManifests) {
        public AirflowDags {
            dags = List.copyOf(dags);
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
            taskManifests = java.util.Collections.unmodifiableMap(new TreeMap<>(taskManifests));
        }
    }

    /**
     * The environment's DAGs, or empty if fsc.yaml does not say how it would run tasks.
     *
     * @param job the compiled daily job of this environment
     * @param localInputs source → input path (the local environment)
     */
    public Optional<AirflowDags> generate(Model model, JobManifest job, String environment, Map<String, String> localInputs) {
        Optional<AirflowTarget> target = AirflowTarget.of(model.project(), environment, localInputs);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        List<DailyDag> dags = new DagPlanner().plan(model, job);
        TaskOperators operators = TaskOperators.of(target.get(), job.project());
        Map<String, JobManifest> manifests = new TreeMap<>();
        TemporaryViews views = TemporaryViews.of(job, SparkSteps.EVENTS);
        Map<String, String> files = new TreeMap<>();
        for (DailyDag dag : dags) {
            for (DagTask task : dag.tasks()) {
                if (task.kind() == DagTask.Kind.SPARK) {
                    manifests.put(task.name(), TaskManifests.of(job, views, dag, task));
                }
            }
            files.put("airflow/" + dag.dagId() + ".py", render(dag, dags, operators, manifests, job, environment));
        }
        if (target.get() instanceof AirflowTarget.EmrServerless) {
            // What deploying the DAGs uploads to ARTIFACTS/manifests/: each task's manifest under its pinned name.
            manifests.forEach((task, manifest) -> files.put("airflow/" + MANIFESTS + "/"
                    + TaskOperators.manifestFile(task, TaskManifests.hash(manifest)), manifest.toJson()));
        }
        return Optional.of(new AirflowDags(dags, files, manifests));
    }

    private String render(DailyDag dag, List<DailyDag> all, TaskOperators operators, Map<String, JobManifest> manifests,
                          JobManifest job, String environment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fscVersion", job.fscVersion());
        data.put("project", job.project());
        data.put("environment", environment);
        data.put("dagId", dag.dagId());
        data.put("cron", dag.schedule());
        data.put("scheduleTime", DailySchedule.timeOfDay(dag.schedule()).map(Object::toString).orElse("its scheduled time"));
        data.put("branch", dag.branch());
        dag.timeout().ifPresent(t -> data.put("timeout", timedelta(t)));
        dag.deadline().ifPresent(d -> data.put("deadline", d));
        dag.features().ifPresent(f -> data.put("featuresDag", f.dagId()));
        List<String> datasets = dag.tasks().stream().filter(t -> t.name().startsWith("dataset_"))
                .map(t -> t.name().substring("dataset_".length())).toList();
        data.put("datasets", datasets);
        data.put("datasetDags", all.stream().filter(d -> d.features().isPresent()).map(DailyDag::dagId).toList());
        data.put("runs", operators.doc());
        data.put("constants", operators.constants());
        Set<String> used = new TreeSet<>(List.of("DAG", "CronDataIntervalTimetable"));
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (DagTask task : dag.tasks()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("var", variable(task));
            task.group().ifPresent(g -> t.put("group", g));
            TaskOperators.Call call = switch (task.kind()) {
                case WAIT -> operators.sensor(task);
                case WAIT_FOR_FEATURES -> operators.featuresSensor(task, dag.features().orElseThrow());
                case SPARK -> operators.spark(task, TaskManifests.hash(manifests.get(task.name())));
            };
            used.add(call.operator());
            if (task.group().isPresent()) {
                used.add("TaskGroup");
            }
            t.put("operator", call.operator());
            t.put("args", call.args());
            tasks.add(t);
        }
        data.put("imports", PythonImports.lines(used));
        data.put("tasks", tasks);
        data.put("edges", edges(dag));
        return templates.render("dag.py.ftl", data);
    }

    /** One line per task with upstream tasks: {@code [a, b] >> c}. */
    private static List<String> edges(DailyDag dag) {
        Map<String, DagTask> byName = new LinkedHashMap<>();
        dag.tasks().forEach(t -> byName.put(t.name(), t));
        List<String> lines = new ArrayList<>();
        for (DagTask task : dag.tasks()) {
            List<String> up = task.upstream().stream().map(n -> variable(byName.get(n))).toList();
            if (!up.isEmpty()) {
                lines.add((up.size() == 1 ? up.get(0) : "[" + String.join(", ", up) + "]") + " >> " + variable(task));
            }
        }
        return lines;
    }

    /** The task's Python variable: its task id, or in a group its name (both unique in the DAG, and valid identifiers). */
    static String variable(DagTask task) {
        return task.group().isPresent() ? task.name() : task.taskId();
    }

    /** A Python {@code timedelta(...)} of whole hours and minutes. */
    static String timedelta(Duration d) {
        List<String> parts = new ArrayList<>();
        if (d.toHours() > 0) {
            parts.add("hours=" + d.toHours());
        }
        if (d.toMinutesPart() > 0) {
            parts.add("minutes=" + d.toMinutesPart());
        }
        return "timedelta(" + (parts.isEmpty() ? "0" : String.join(", ", parts)) + ")";
    }

    /** A Python string literal. */
    static String py(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
