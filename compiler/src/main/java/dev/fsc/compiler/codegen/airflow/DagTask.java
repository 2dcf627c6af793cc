package dev.fsc.compiler.codegen.airflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a daily DAG.
 *
 * @param name the task's name for {@code fsc run-task}, unique among the project's DAGs
 * @param group the task group it belongs to (a feature view), if any
 * @param taskId Airflow's {@code task_id} inside its group
 * @param kind a sensor waiting for a source's day or for the day's features, or a Spark task
 * @param source for {@link Kind#WAIT}: the source waited for
 * @param steps for {@link Kind#SPARK}: the manifest steps it runs, in manifest order (see {@link TaskManifests})
 * @param upstream names of the tasks that must finish first
 * @param doc one sentence for the task's {@code doc_md}
 */
public record DagTask(String name, Optional<String> group, String taskId, Kind kind, Optional<String> source,
                      List<String> steps, List<String> upstream, String doc) {
    /** What a task does. */
    public enum Kind {
        /** Waits until a source's data for the day is complete. */
        WAIT,
        /** Waits until the features DAG has published the day's tiles. */
        WAIT_FOR_FEATURES,
        /** Runs a set of the daily job's steps on Spark. */
        SPARK
    }

    public DagTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        steps = List.copyOf(steps);
        upstream = List.copyOf(upstream);
        Objects.requireNonNull(doc, "doc");
    }

    /** The id Airflow shows: {@code group.task_id} inside a group. */
    public String airflowId() {
        return group.map(g -> g + "." + taskId).orElse(taskId);
    }

    DagTask withUpstream(List<String> newUpstream) {
        return new DagTask(name, group, taskId, kind, source, steps, newUpstream, doc);
    }
}
