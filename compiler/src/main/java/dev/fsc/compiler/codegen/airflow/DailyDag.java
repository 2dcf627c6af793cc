package dev.fsc.compiler.codegen.airflow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DAG that orchestrates a project's daily Spark job: its schedule, its time limit and its tasks in
 * dependency order (every task after its upstream tasks).
 *
 * @param dagId Airflow's dag id
 * @param schedule cron expression (UTC) of the run
 * @param deadline when the datasets must be published, as the specs say, for the DAG's docs
 * @param timeout how long after the run starts the deadline falls, if the specs give one
 * @param tasks every task, upstream tasks first
 */
public record DailyDag(String dagId, String schedule, Optional<String> deadline, Optional<Duration> timeout, List<DagTask> tasks) {
    public DailyDag {
        Objects.requireNonNull(dagId, "dagId");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(timeout, "timeout");
        tasks = List.copyOf(tasks);
    }

    /** The task with this {@code fsc run-task} name. */
    public Optional<DagTask> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
