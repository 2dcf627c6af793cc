package dev.fsc.compiler.codegen.airflow;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.compiler.codegen.spark.SparkSteps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest one DAG task runs: the daily job cut down to the task's steps, on its DAG's branch.
 *
 * <p>Every task of a DAG and day writes on the DAG's write–audit–publish branch (the features DAG's is the
 * one {@code fsc run --date D} uses, {@code fsc-daily-D}), so what earlier tasks wrote is already on the branch
 * when a later task reads it, and main changes only in the DAG's {@code publish} task, which publishes the
 * tables of its DAG. A task's manifest therefore keeps only the dependencies
 * between its own steps: the others were met by upstream tasks (the DAG orders them). Two consequences:
 * <ul>
 *   <li>Temporary views live in one Spark session, so each task that reads events runs the {@code events}
 *       step itself (it only defines views: cheap), cut down to the views the task's SQL reads (directly or
 *       through other views): a task does not depend on views it never reads, so neither does its hash.
 *   <li>The manifest contract wants a PUBLISH step to depend on every error CHECK of its manifest. The publish
 *       task's manifest includes every error check again and makes PUBLISH depend on them: it re-audits the
 *       branch right before fast-forwarding (a few small queries), so nothing that changed the branch after
 *       the quality gate can slip through, and a task run on its own can never publish unchecked data.
 * </ul>
 *
 * <p>A task's manifest is identified by the hash of its steps ({@link #hash}), not of the whole plan: a
 * changed feature changes the hashes of only the tasks whose SQL changes, which is what a DAG diff shows.
 */
public final class TaskManifests {
    private TaskManifests() {
    }

    /** The task's manifest: its steps from {@code job}, dependencies outside the task dropped. */
    public static JobManifest of(JobManifest job, DailyDag dag, DagTask task) {
        return of(job, TemporaryViews.of(job, SparkSteps.EVENTS), dag, task);
    }

    /** The same, with the views of the job's events step read once for all its tasks. */
    static JobManifest of(JobManifest job, TemporaryViews views, DailyDag dag, DagTask task) {
        if (task.kind() != DagTask.Kind.SPARK) {
            throw new IllegalArgumentException("task " + task.name() + " runs no Spark steps");
        }
        Set<String> own = Set.copyOf(task.steps());
        List<Step> steps = new ArrayList<>();
        for (Step step : job.steps()) {
            if (own.contains(step.id())) {
                List<String> deps = step.dependsOn().stream().filter(own::contains).toList();
                List<String> tables = step.kind() == JobManifest.Kind.PUBLISH
                        ? step.tables().stream().filter(dag.publishes()::contains).toList() : step.tables();
                steps.add(new Step(step.id(), step.kind(), step.severity(), step.sql(), tables, deps));
            }
        }
        if (steps.size() != own.size()) {
            throw new IllegalArgumentException("task " + task.name() + " names steps the job does not have: " + task.steps());
        }
        steps = views.keepRead(steps);
        String hash = hash(steps);
        return new JobManifest(job.formatVersion(), job.project(), job.job(), "task " + task.name() + " " + hash,
                job.fscVersion(), job.catalog(), job.parameters(), Optional.of(dag.branch()), steps);
    }

    /** The content hash of a task's manifest, as DAG files pin it. */
    public static String hash(JobManifest taskManifest) {
        return hash(taskManifest.steps());
    }

    /** 16 hex digits of the SHA-256 of every step's id, kind, severity, dependencies, tables and SQL. */
    private static String hash(List<Step> steps) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Step step : steps) {
                for (String part : List.of(step.id(), step.kind().toString(), step.severity().toString(),
                        String.join(",", step.dependsOn()), String.join(",", step.tables()))) {
                    digest.update(part.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
                for (String sql : step.sql()) {
                    digest.update(sql.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
                digest.update((byte) 1);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
