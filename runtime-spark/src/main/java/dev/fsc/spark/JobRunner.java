package dev.fsc.spark;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Kind;
import dev.fsc.common.manifest.JobManifest.Severity;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.common.manifest.JobResult.StepResult;
import dev.fsc.common.manifest.JobResult.StepStatus;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a manifest's steps on a live session, in {@link JobManifest#executionOrder()}, printing one
 * progress line per step. Stops at the first failing SQL/PUBLISH step (or CHECK whose query fails);
 * runs every CHECK and collects their failures; holds every PUBLISH back once an error check failed.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final SparkSession spark;
    private final JobManifest manifest;
    private final PrintStream out;
    private final Optional<Branches> branches;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, SparkErrors.Described> described = new LinkedHashMap<>();
    private final Map<String, String> failedStatements = new LinkedHashMap<>();
    /** Whether every table the job publishes was checked to be publishable (before the first PUBLISH step). */
    private boolean publishChecked;

    /** The step results in execution order, and whether the job failed. */
    record Outcome(List<StepResult> steps, Optional<String> failure) {
    }

    JobRunner(SparkSession spark, JobManifest manifest, PrintStream out) {
        this.spark = spark;
        this.manifest = manifest;
        this.out = out;
        this.branches = manifest.branch().map(b -> new Branches(spark, manifest.catalog().name(), b));
    }

    Outcome run() {
        List<Step> order = manifest.executionOrder();
        List<StepResult> results = new ArrayList<>();
        List<String> failedChecks = new ArrayList<>();
        Set<String> skipped = new HashSet<>(); // steps held back: what depends on them is held back too
        // the session outlives this job when several run in one JVM: a job without a branch must not
        // inherit the previous job's and write to it
        branches.ifPresentOrElse(b -> spark.conf().set("spark.wap.branch", b.branch()), () -> spark.conf().unset("spark.wap.branch"));
        for (int i = 0; i < order.size(); i++) {
            Step step = order.get(i);
            out.print(Report.stepPrefix(i + 1, order.size(), step.id()));
            out.flush();
            LOG.info("step {} ({}) starting", step.id(), step.kind());
            StepResult result;
            String skipReason = "";
            Optional<String> skippedDependency = step.dependsOn().stream().filter(skipped::contains).findFirst();
            if (step.kind() == Kind.PUBLISH && !failedChecks.isEmpty()) {
                skipReason = Report.count(failedChecks.size(), "error check") + " failed";
                result = StepResult.notRun(step, StepStatus.SKIPPED);
            } else if (skippedDependency.isPresent()) {
                skipReason = skippedDependency.get() + " was skipped";
                result = StepResult.notRun(step, StepStatus.SKIPPED);
            } else {
                result = switch (step.kind()) {
                    case SQL -> runSql(step);
                    case CHECK -> runCheck(step);
                    case PUBLISH -> runPublish(step);
                };
            }
            LOG.info("step {} finished: {} in {} s", step.id(), result.status(), result.seconds());
            results.add(result);
            if (result.status() == StepStatus.SKIPPED) {
                skipped.add(step.id());
            }
            out.println(Report.outcome(result, skipReason));
            Report.failureLines(result).forEach(out::println);
            if (result.kind() == Kind.CHECK && result.status() == StepStatus.FAILED && result.error().isEmpty()) {
                failedChecks.add(step.id());
                continue;
            }
            if (result.status() == StepStatus.FAILED) {
                printError(step, result);
                for (Step rest : order.subList(i + 1, order.size())) {
                    results.add(StepResult.notRun(rest, StepStatus.NOT_RUN));
                }
                return new Outcome(results, Optional.of("step " + step.id() + " failed"));
            }
        }
        if (!failedChecks.isEmpty()) {
            String message = Report.count(failedChecks.size(), "error check") + " failed (" + String.join(", ", failedChecks) + ")";
            return new Outcome(results, Optional.of(message));
        }
        return new Outcome(results, Optional.empty());
    }

    // ---------------------------------------------------------------- step kinds

    private StepResult runSql(Step step) {
        long t0 = System.nanoTime();
        List<String> statements = manifest.resolvedSql(step);
        Map<String, Long> written = new LinkedHashMap<>();
        Long rows = null;
        for (int s = 0; s < statements.size(); s++) {
            String sql = statements.get(s);
            try {
                Optional<Long> queried = execute(sql, written, step);
                if (queried.isPresent()) {
                    rows = (rows == null ? 0 : rows) + queried.get();
                }
            } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown undeclared
                return failed(step, t0, s, sql, e);
            }
        }
        if (!written.isEmpty()) {
            rows = (rows == null ? 0 : rows) + written.values().stream().mapToLong(Long::longValue).sum();
        }
        return new StepResult(step.id(), step.kind(), StepStatus.OK, secondsSince(t0), Optional.ofNullable(rows), written,
                Map.of(), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * Executes one statement. Commands (DDL, INSERT, MERGE, ...) run eagerly inside {@code spark.sql};
     * a bare query is computed in full too (every row and column), so a SQL step never silently skips work.
     *
     * @return the row count of a bare query
     */
    private Optional<Long> execute(String sql, Map<String, Long> written, Step step) {
        branches.ifPresent(b -> b.beforeStatement(sql));
        long started = System.currentTimeMillis();
        LOG.info("step {}: executing\n{}", step.id(), sql);
        Dataset<Row> df = spark.sql(sql);
        if (df instanceof org.apache.spark.sql.classic.Dataset<Row> classic && !(classic.logicalPlan() instanceof CommandResult)) {
            // Not df.count(): that prunes the columns, so their expressions (and errors) would never run.
            return Optional.of(classic.queryExecution().toRdd().count());
        }
        WriteStats.of(df, manifest.catalog().name(), manifest.branch(), started).ifPresent(w -> {
            written.merge(w.table(), w.rows(), Long::sum);
            if (branches.isPresent() && w.branch().equals(Branches.MAIN)) { // a write form Branches did not recognise
                notes.add("step " + step.id() + " wrote " + w.table() + " directly on main, not on branch " + branches.get().branch());
            }
        });
        return Optional.empty();
    }

    private StepResult runCheck(Step step) {
        long t0 = System.nanoTime();
        List<String> statements = manifest.resolvedSql(step);
        int last = statements.size() - 1;
        for (int s = 0; s < last; s++) {
            try {
                execute(statements.get(s), new LinkedHashMap<>(), step);
            } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown undeclared
                return failed(step, t0, s, statements.get(s), e);
            }
        }
        String query = statements.get(last);
        List<String> messages = new ArrayList<>();
        long total;
        try {
            LOG.info("step {}: check query\n{}", step.id(), query);
            Dataset<Row> df = spark.sql(query);
            if (df instanceof org.apache.spark.sql.classic.Dataset<Row> classic && classic.logicalPlan() instanceof CommandResult) {
                throw new StepFailure("the last statement of a CHECK step must be a query (its rows are the"
                        + " failures), but this one is a command and has run as such");
            }
            List<Row> rows = df.limit(StepResult.MAX_FAILURES + 1).collectAsList();
            total = rows.size() > StepResult.MAX_FAILURES ? df.count() : rows.size();
            for (Row row : rows.subList(0, Math.min(rows.size(), StepResult.MAX_FAILURES))) {
                messages.add(message(row));
            }
        } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown undeclared
            return failed(step, t0, last, query, e);
        }
        StepStatus status = total == 0 ? StepStatus.OK : step.severity() == Severity.ERROR ? StepStatus.FAILED : StepStatus.WARNED;
        return new StepResult(step.id(), step.kind(), status, secondsSince(t0), Optional.of(total), Map.of(), Map.of(),
                messages, Optional.empty(), Optional.empty());
    }

    /** A failure row's {@code message} column, or (if the query has none) all its columns. */
    static String message(Row row) {
        String[] names = row.schema().fieldNames();
        for (int c = 0; c < names.length; c++) {
            if (names[c].equalsIgnoreCase("message")) {
                Object v = row.get(c);
                return v == null ? "(null message)" : v.toString();
            }
        }
        StringJoiner all = new StringJoiner(", ");
        for (int c = 0; c < names.length; c++) {
            all.add(names[c] + "=" + row.get(c));
        }
        return all.toString();
    }

    private StepResult runPublish(Step step) {
        long t0 = System.nanoTime();
        Branches b = branches.orElseThrow(); // the manifest guarantees a branch for PUBLISH steps
        if (!publishChecked) {
            // all or none: a table that cannot be published is found before the first one is
            List<String> conflicts = b.conflicts(manifest.publishedTables());
            if (!conflicts.isEmpty()) {
                return failed(step, t0, 0, "publish " + step.tables().get(0), new StepFailure("nothing was published:"
                        + " main moved since branch " + b.branch() + " was cut, in partitions the job rewrote:\n- "
                        + String.join("\n- ", conflicts) + "\nhint: run the job again on a new branch: it starts from main as it"
                        + " is now, so it includes those commits"));
            }
            publishChecked = true;
        }
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (int i = 0; i < step.tables().size(); i++) {
            String table = step.tables().get(i);
            try {
                snapshots.put(table, b.publish(table));
                LOG.info("published {} (main is now snapshot {})", table, snapshots.get(table));
            } catch (Exception e) { // Spark's AnalysisException is a checked exception thrown undeclared
                String published = snapshots.isEmpty() ? "" : " (already published: " + String.join(", ", snapshots.keySet()) + ")";
                StepResult r = failed(step, t0, i, "publish " + table, e);
                return new StepResult(r.id(), r.kind(), r.status(), r.seconds(), r.rows(), Map.of(), snapshots, List.of(),
                        r.error().map(m -> m + published), r.statement());
            }
        }
        return new StepResult(step.id(), step.kind(), StepStatus.OK, secondsSince(t0), Optional.empty(), Map.of(), snapshots,
                List.of(), Optional.empty(), Optional.empty());
    }

    // ---------------------------------------------------------------- failures

    private StepResult failed(Step step, long t0, int statementIndex, String statement, Exception e) {
        LOG.error("step {} failed at statement {}:\n{}", step.id(), statementIndex + 1, statement, e);
        SparkErrors.Described d = e instanceof StepFailure
                ? new SparkErrors.Described(e.getMessage(), Optional.empty(), Optional.empty())
                : SparkErrors.describe(e, statement);
        described.put(step.id(), d);
        failedStatements.put(step.id(), statement);
        return new StepResult(step.id(), step.kind(), StepStatus.FAILED, secondsSince(t0), Optional.empty(), Map.of(), Map.of(),
                List.of(), Optional.of(d.message()), Optional.of(statementIndex + 1));
    }

    private void printError(Step step, StepResult result) {
        SparkErrors.Described d = described.get(step.id());
        int n = step.kind() == Kind.PUBLISH ? step.tables().size() : step.sql().size();
        int at = result.statement().orElse(1);
        if (step.kind() == Kind.PUBLISH) {
            out.println("error: step " + step.id() + " failed to publish " + step.tables().get(at - 1) + ":");
        } else {
            out.println("error: step " + step.id() + " failed at statement " + at + " of " + n + ":");
            Report.statementExcerpt(failedStatements.get(step.id()), d.start(), d.stop()).forEach(out::println);
        }
        for (String line : d.message().split("\n")) {
            out.println("  " + line);
        }
    }

    /** Notes collected while running, printed at the end: tables left on the branch, writes that missed it. */
    List<String> notes() {
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(notes));
        branches.ifPresent(b -> b.written().stream()
                .filter(t -> !manifest.publishedTables().contains(t))
                .forEach(t -> all.add(t + " was written on branch " + b.branch() + " but no PUBLISH step publishes it: main does not have these rows")));
        return all;
    }

    private static double secondsSince(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
    }
}
