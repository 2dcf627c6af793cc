package dev.fsc.compiler.codegen.airflow;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobManifest.Severity;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.compiler.codegen.spark.SparkSteps;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Splits the daily job into DAG tasks and derives their dependencies from the job's step dependencies.
 *
 * <p>Tasks, in order: a sensor per source ({@code wait_for_<source>}); per source its bronze load, silver and
 * CDC versions ({@code silver_<source>}); every table check ({@code quality_gate_silver}); per feature view, in a
 * task group named after it, its tiles ({@code tiles_<view>}); per dataset its build ({@code dataset_<name>});
 * and {@code publish}, which re-audits the error checks, fast-forwards main and tags each dataset's build.
 * Every Spark task starts a JVM, so a task is a stage of one source, view or dataset, not a single step.
 *
 * <p>Edges: task B follows task A when a step of B depends on a step of A in the manifest (a dependency on
 * {@code events}, which every reading task runs itself, counts as a dependency on what {@code events} reads);
 * the quality gate is put between the silver tasks and everything that reads silver, so a failed check stops
 * the day before tiles are computed; then edges implied by others are dropped (transitive reduction).
 */
public final class DagPlanner {
    static final String GATE = "quality_gate_silver";

    /** The DAG of the project's daily job. */
    public DailyDag plan(Model model, JobManifest job) {
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
        for (Dataset dataset : model.datasets()) {
            tasks.add(spark("dataset_" + dataset.name(), Optional.empty(),
                    List.of(SparkSteps.EVENTS, SparkSteps.dataset(dataset.name())),
                    "Dataset " + dataset.name() + ": point-in-time join of the spine with features and labels."));
        }
        List<String> publish = new ArrayList<>(job.steps().stream()
                .filter(s -> s.kind() == Kind.CHECK && s.severity() == Severity.ERROR).map(Step::id).toList());
        publish.add(SparkSteps.PUBLISH);
        model.datasets().forEach(d -> publish.add(SparkSteps.tag(d.name())));
        tasks.add(spark("publish", Optional.empty(), publish,
                "Re-audits every error check on the branch, publishes every table (fast-forward of main) and tags each dataset's build."));

        DailySchedule schedule = DailySchedule.of(model.datasets());
        String dagId = model.project().project().value() + "_" + job.job();
        return new DailyDag(dagId, schedule.cron(), schedule.deadline(), schedule.timeout(), withEdges(tasks, job));
    }

    private static DagTask spark(String name, Optional<String> group, List<String> steps, String doc) {
        return new DagTask(name, group, group.isPresent() ? "tiles" : name, DagTask.Kind.SPARK, Optional.empty(), steps, List.of(), doc);
    }

    private static List<DagTask> withEdges(List<DagTask> tasks, JobManifest job) {
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
            if (task.kind() == DagTask.Kind.WAIT) {
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
        for (DagTask task : tasks) {
            Set<String> direct = new LinkedHashSet<>(upstream.get(task.name()));
            direct.removeIf(a -> direct.stream().anyMatch(b -> !b.equals(a) && reaches(upstream, b, a)));
            out.add(task.withUpstream(order.stream().filter(direct::contains).toList()));
        }
        return out;
    }

    /** Whether {@code to} is upstream of {@code from}, through one or more edges. */
    private static boolean reaches(Map<String, Set<String>> upstream, String from, String to) {
        for (String up : upstream.get(from)) {
            if (up.equals(to) || reaches(upstream, up, to)) {
                return true;
            }
        }
        return false;
    }
}
