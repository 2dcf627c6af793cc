package dev.fsc.compiler.codegen.airflow;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders the daily DAG of one environment as a static Python file, {@code airflow/<dag_id>.py}: plain
 * operators with literal arguments, one line of edges per task, and each Spark task pinned to the content hash
 * of its manifest ({@link TaskManifests}), so a spec change shows in the file's diff exactly where tasks change.
 */
public final class AirflowCodegen {
    /** Where task manifests live under the EMR target's artifacts folder. */
    public static final String MANIFESTS = "manifests";

    private final Templates templates = Templates.of("airflow");

    /** What the Airflow target generates for one environment: the DAG, its files and each task's manifest. */
    public record AirflowDag(DailyDag dag, Map<String, String> files, Map<String, JobManifest> taskManifests) {
        public AirflowDag {
            files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
            taskManifests = java.util.Collections.unmodifiableMap(new TreeMap<>(taskManifests));
        }
    }

    /**
     * The environment's DAG, or empty if fsc.yaml does not say how it would run tasks.
     *
     * @param job the compiled daily job of this environment
     * @param localInputs source → input path (the local environment)
     */
    public Optional<AirflowDag> generate(Model model, Plan plan, JobManifest job, String environment, Map<String, String> localInputs) {
        Optional<AirflowTarget> target = AirflowTarget.of(model.project(), environment, localInputs);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        DailyDag dag = new DagPlanner().plan(model, job);
        Map<String, JobManifest> manifests = new TreeMap<>();
        for (DagTask task : dag.tasks()) {
            if (task.kind() == DagTask.Kind.SPARK) {
                manifests.put(task.name(), TaskManifests.of(job, task));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fscVersion", job.fscVersion());
        data.put("planHash", plan.planHash());
        data.put("project", job.project());
        data.put("environment", environment);
        data.put("dagId", dag.dagId());
        data.put("cron", dag.schedule());
        data.put("scheduleTime", DailySchedule.timeOfDay(dag.schedule()).map(Object::toString).orElse("its scheduled time"));
        dag.timeout().ifPresent(t -> data.put("timeout", timedelta(t)));
        dag.deadline().ifPresent(d -> data.put("deadline", d));
        TaskOperators operators = TaskOperators.of(target.get(), job.project());
        data.put("runs", operators.doc());
        data.put("imports", operators.imports());
        data.put("constants", operators.constants());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (DagTask task : dag.tasks()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("var", variable(task));
            task.group().ifPresent(g -> t.put("group", g));
            TaskOperators.Call call = task.kind() == DagTask.Kind.WAIT
                    ? operators.sensor(task)
                    : operators.spark(task, TaskManifests.hash(manifests.get(task.name())));
            t.put("operator", call.operator());
            t.put("args", call.args());
            tasks.add(t);
        }
        data.put("tasks", tasks);
        data.put("edges", edges(dag));
        Map<String, String> files = new TreeMap<>();
        files.put("airflow/" + dag.dagId() + ".py", templates.render("dag.py.ftl", data));
        if (target.get() instanceof AirflowTarget.EmrServerless) {
            // What deploying the DAG uploads to ARTIFACTS/manifests/: each task's manifest under its pinned name.
            manifests.forEach((task, manifest) -> files.put("airflow/" + MANIFESTS + "/"
                    + TaskOperators.manifestFile(task, TaskManifests.hash(manifest)), manifest.toJson()));
        }
        return Optional.of(new AirflowDag(dag, files, manifests));
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

    /** The task's Python variable: its name (unique in the DAG, and a valid identifier). */
    static String variable(DagTask task) {
        return task.name();
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
