package dev.fsc.compiler.codegen.airflow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One DAG of a project's daily batch job: its schedule, its time limit, its write–audit–publish branch and its
 * tasks in dependency order (every task after its upstream tasks).
 *
 * @param dagId Airflow's dag id
 * @param schedule cron expression (UTC) of the run
 * @param deadline when its datasets must be published, as the specs say, for the DAG's docs
 * @param timeout how long after the run starts the deadline falls, if the specs give one
 * @param branch the job branch its Spark tasks write on (the day is appended when a task runs)
 * @param publishes the tables its {@code publish} task publishes, in the job's order
 * @param features for a datasets DAG: the features DAG run it waits for; empty for the features DAG
 * @param tasks every task, upstream tasks first
 */
public record DailyDag(String dagId, String schedule, Optional<String> deadline, Optional<Duration> timeout,
                       String branch, List<String> publishes, Optional<FeaturesUpstream> features, List<DagTask> tasks) {
    public DailyDag {
        Objects.requireNonNull(dagId, "dagId");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(branch, "branch");
        publishes = List.copyOf(publishes);
        Objects.requireNonNull(features, "features");
        tasks = List.copyOf(tasks);
    }

    /**
     * The run of the features DAG a datasets DAG waits for: the same {@code ds}, whose logical date is
     * {@code delta} earlier (both run once a day at a fixed time).
     *
     * @param dagId the features DAG
     * @param taskId its task that publishes the day's tiles
     * @param delta this DAG's time of day minus the features DAG's
     */
    public record FeaturesUpstream(String dagId, String taskId, Duration delta) {
        public FeaturesUpstream {
            Objects.requireNonNull(dagId, "dagId");
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(delta, "delta");
        }
    }

    /** The task with this {@code fsc run-task} name. */
    public Optional<DagTask> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
