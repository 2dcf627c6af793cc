package dev.fsc.compiler.codegen.airflow;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobManifest.Severity;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.common.manifest.CreatedTables;
import dev.fsc.compiler.codegen.spark.SparkSteps;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Splits the daily job into DAGs and tasks, and derives the tasks' dependencies from the job's step dependencies.
 *
 * <p>One DAG per schedule. The features DAG ({@code <project>_daily}, at midnight UTC): a sensor per source
 * ({@code wait_for_<source>}); per source its bronze load, silver and CDC versions ({@code silver_<source>});
 * every table check ({@code quality_gate_silver}); per feature view, in a task group named after it, its tiles
 * ({@code tiles_<view>}); and {@code publish}, which re-audits the error checks and publishes silver and tiles.
 * Then one datasets DAG per dataset {@code schedule} ({@code <project>_<dataset>}, or
 * {@code <project>_datasets_<HHMM>} when several share it): it waits for that day's {@code publish} of the
 * features DAG, builds each dataset ({@code dataset_<name>}) and publishes them and tags each build. A dataset
 * whose schedule has no fixed time of day cannot name the features run it needs, so the features DAG builds it.
 * Every Spark task starts a JVM, so a task is a stage of one source, view or dataset, not a single step. Each DAG
 * writes on its own branch, so a late dataset run never holds back the day's tiles.
 *
 * <p>Edges: task B follows task A when a step of B depends on a step of A in the manifest (a dependency on
 * {@code events}, which every reading task runs itself, counts as a dependency on what {@code events} reads);
 * the quality gate is put between the silver tasks and everything that reads silver, so a failed check stops
 * the day before tiles are computed; then edges implied by others are dropped (transitive reduction).
 */
public final class DagPlanner {
    static final String GATE = "quality_gate_silver";
    static final String PUBLISH = "publish";
    /** The sensor with which a datasets DAG waits for the features DAG. */
    public static final String WAIT_FOR_FEATURES = "wait_for_features";

    /** The project's DAGs: the features DAG first, then one per dataset schedule. */
    public List<DailyDag> plan(Model model, JobManifest job) {
        String project = model.project().project().value();
        Map<String, List<Dataset>> bySchedule = new TreeMap<>(Comparator
                .comparing((String cron) -> DailySchedule.timeOfDay(cron).orElse(LocalTime.MAX)).thenComparing(c -> c));
        List<Dataset> inFeaturesDag = new ArrayList<>();
        for (Dataset dataset : model.datasets()) {
            String cron = DailySchedule.cron(dataset);
            if (DailySchedule.timeOfDay(cron).isPresent()) {
                bySchedule.computeIfAbsent(cron, c -> new ArrayList<>()).add(dataset);
            } else {
                inFeaturesDag.add(dataset);
            }
        }
        Set<String> datasetTables = new LinkedHashSet<>();
        bySchedule.values().forEach(ds -> ds.forEach(d -> datasetTables.add(table(job, d))));
        DailyDag features = featuresDag(model, job, project + "_" + job.job(), inFeaturesDag, datasetTables);
        List<DailyDag> dags = new ArrayList<>(List.of(features));
        bySchedule.forEach((cron, datasets) -> dags.add(datasetsDag(job, project, cron, datasets, features)));
        return dags;
    }

    private DailyDag featuresDag(Model model, JobManifest job, String dagId, List<Dataset> datasets, Set<String> publishedElsewhere) {
        Set<String> present = new LinkedHashSet<>();
        job.steps().forEach(s -> present.add(s.id()));
        List<DagTask> tasks = new ArrayList<>();
        for (Source source : model.sources()) {
            String name = source.name();
            List<String> steps = List.of(SparkSteps.load(name), SparkSteps.silver(name), SparkSteps.versions(name))
                    .stream().filter(present::contains).toList();
            tasks.add(new DagTask("wait_for_" + name, Optional.empty(), "wait_for_" + name, DagTask.Kind.WAIT,
                    Optional.of(name), List.of(), List.of(), "Waits until source " + name + " has all its records of the day."));
            tasks.add(spark("silver_" + name, Optional.empty(), steps,
                    "Source " + name + ": bronze to silver (typing, row checks, late routing, dedup, PII)."));
        }
        List<String> checks = job.steps().stream().filter(s -> s.kind() == Kind.CHECK).map(Step::id).toList();
        if (!checks.isEmpty()) {
            tasks.add(spark(GATE, Optional.empty(), checks,
                    "Table checks of every source on the day's silver; an error check that fails stops the day here."));
        }
        for (FeatureView view : model.views()) {
            List<String> steps = new ArrayList<>(List.of(SparkSteps.EVENTS));
            steps.addAll(SparkSteps.tiles(view));
            tasks.add(spark("tiles_" + view.name(), Optional.of(view.name()), steps,
                    "Feature view " + view.name() + ": the day's tiles (partial aggregates per key and tile)."));
        }
        datasets.forEach(d -> tasks.add(datasetTask(d)));
        List<String> publish = new ArrayList<>(job.steps().stream()
                .filter(s -> s.kind() == Kind.CHECK && s.severity() == Severity.ERROR).map(Step::id).toList());
        publish.add(SparkSteps.PUBLISH);
        datasets.forEach(d -> publish.add(SparkSteps.tag(d.name())));
        tasks.add(spark(PUBLISH, Optional.empty(), publish, "Re-audits every error check on the branch and publishes"
                + " every table it wrote (fast-forward of main)" + (datasets.isEmpty() ? "." : "; tags each dataset's build.")));
        DailySchedule schedule = DailySchedule.of(DailySchedule.DEFAULT_CRON, model.datasets());
        List<String> tables = job.publishedTables().stream().filter(t -> !publishedElsewhere.contains(t)).toList();
        return new DailyDag(dagId, schedule.cron(), schedule.deadline(), schedule.timeout(), job.branch().orElse("fsc-" + job.job()),
                tables, Optional.empty(), withEdges(tasks, job, Optional.empty()));
    }

    private DailyDag datasetsDag(JobManifest job, String project, String cron, List<Dataset> datasets, DailyDag features) {
        String name = datasets.size() == 1 ? datasets.get(0).name()
                : "datasets_" + DailySchedule.timeOfDay(cron).orElseThrow().toString().replace(":", "");
        Duration delta = Duration.between(DailySchedule.timeOfDay(features.schedule()).orElseThrow(),
                DailySchedule.timeOfDay(cron).orElseThrow());
        List<DagTask> tasks = new ArrayList<>();
        tasks.add(new DagTask(WAIT_FOR_FEATURES, Optional.empty(), WAIT_FOR_FEATURES, DagTask.Kind.WAIT_FOR_FEATURES,
                Optional.empty(), List.of(), List.of(), "Waits until " + features.dagId() + " has published the day's"
                + " silver and tiles: its run of the same day, which starts " + delta.toHours() + " h " + delta.toMinutesPart() + " min earlier."));
        datasets.forEach(d -> tasks.add(datasetTask(d)));
        List<String> publish = new ArrayList<>(List.of(SparkSteps.PUBLISH));
        datasets.forEach(d -> publish.add(SparkSteps.tag(d.name())));
        tasks.add(new DagTask(PUBLISH + "_" + name, Optional.empty(), PUBLISH, DagTask.Kind.SPARK, Optional.empty(), publish,
                List.of(), "Publishes the day's build of every dataset (fast-forward of main) and tags it."));
        DailySchedule schedule = DailySchedule.of(cron, datasets);
        DailyDag.FeaturesUpstream upstream = new DailyDag.FeaturesUpstream(features.dagId(), PUBLISH, delta);
        List<String> tables = datasets.stream().map(d -> table(job, d)).toList();
        return new DailyDag(project + "_" + name, cron, schedule.deadline(), schedule.timeout(), "fsc-" + name, tables,
                Optional.of(upstream), withEdges(tasks, job, Optional.of(WAIT_FOR_FEATURES)));
    }

    /**
     * The table the job writes a dataset to, as its step creates it: the job already names the environment's
     * version of the table, which the DAGs publish.
     */
    private static String table(JobManifest job, Dataset dataset) {
        String id = SparkSteps.dataset(dataset.name());
        return job.steps().stream().filter(s -> s.id().equals(id)).flatMap(s -> s.sql().stream())
                .map(CreatedTables::of).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalStateException("step " + id + " of job " + job.job() + " creates no table"));
    }

    private static DagTask datasetTask(Dataset dataset) {
        return spark("dataset_" + dataset.name(), Optional.empty(), List.of(SparkSteps.EVENTS, SparkSteps.dataset(dataset.name())),
                "Dataset " + dataset.name() + ": point-in-time join of the spine with features and labels.");
    }

    private static DagTask spark(String name, Optional<String> group, List<String> steps, String doc) {
        return new DagTask(name, group, group.isPresent() ? "tiles" : name, DagTask.Kind.SPARK, Optional.empty(), steps, List.of(), doc);
    }

    /** @param sensor a task every Spark task without another upstream task waits for (a DAG's only entry) */
    private static List<DagTask> withEdges(List<DagTask> tasks, JobManifest job, Optional<String> sensor) {
        Map<String, Step> steps = new HashMap<>();
        job.steps().forEach(s -> steps.put(s.id(), s));
        Map<String, String> owner = new HashMap<>();
        for (DagTask task : tasks) {
            for (String step : task.steps()) {
                if (!step.equals(SparkSteps.EVENTS)) {
                    owner.putIfAbsent(step, task.name()); // the gate owns the checks the publish task re-audits
                }
            }
        }
        Set<String> silverTasks = new LinkedHashSet<>();
        Map<String, Set<String>> upstream = new LinkedHashMap<>();
        for (DagTask task : tasks) {
            Set<String> up = new LinkedHashSet<>();
            if (task.kind() != DagTask.Kind.SPARK) {
                upstream.put(task.name(), up);
                continue;
            }
            for (String id : task.steps()) {
                if (id.equals(SparkSteps.EVENTS) || !task.name().equals(owner.get(id))) {
                    continue; // events and re-audited checks are not what the task produces
                }
                for (String dep : steps.get(id).dependsOn()) {
                    List<String> reads = dep.equals(SparkSteps.EVENTS) ? steps.get(dep).dependsOn() : List.of(dep);
                    reads.stream().map(owner::get).filter(o -> o != null && !o.equals(task.name())).forEach(up::add);
                }
            }
            if (task.name().startsWith("silver_")) {
                String source = task.name().substring("silver_".length());
                up.add("wait_for_" + source);
                silverTasks.add(task.name());
            }
            if (up.isEmpty()) {
                sensor.ifPresent(up::add);
            }
            upstream.put(task.name(), up);
        }
        if (upstream.containsKey(GATE)) {
            upstream.get(GATE).addAll(silverTasks);
            upstream.forEach((name, up) -> {
                if (!name.equals(GATE) && up.removeAll(silverTasks)) {
                    up.add(GATE);
                }
            });
        }
        List<String> order = tasks.stream().map(DagTask::name).toList();
        List<DagTask> out = new ArrayList<>();
        Map<String, Set<String>> ancestors = new HashMap<>();
        for (DagTask task : tasks) {
            Set<String> direct = new LinkedHashSet<>(upstream.get(task.name()));
            direct.removeIf(a -> direct.stream().anyMatch(b -> !b.equals(a) && ancestors(upstream, b, ancestors).contains(a)));
            out.add(task.withUpstream(order.stream().filter(direct::contains).toList()));
        }
        return out;
    }

    /** Every task upstream of {@code task}, through one or more edges; each task's set computed once. */
    private static Set<String> ancestors(Map<String, Set<String>> upstream, String task, Map<String, Set<String>> known) {
        Set<String> found = known.get(task);
        if (found == null) {
            found = new HashSet<>();
            for (String up : upstream.getOrDefault(task, Set.of())) {
                found.add(up);
                found.addAll(ancestors(upstream, up, known));
            }
            known.put(task, found);
        }
        return found;
    }
}
