package dev.fsc.cli.backfill;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.backfill.BackfillState.Chunk;
import dev.fsc.cli.backfill.BackfillState.ChunkStatus;
import dev.fsc.cli.backfill.BackfillState.Status;
import dev.fsc.cli.run.LocalRuns;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.Step;
import dev.fsc.common.manifest.JobResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drives one backfill from its state: runs the chunks still to do (in day order, on the backfill's branch),
 * then the comparison report, then publishes — each step recorded in the state file first, so a kill at any
 * point leaves main untouched (before publish) or a journal that {@code resume}/{@code publish} completes.
 *
 * <p>Chunks run in day order because days are not independent: silver dedup of a day reads the kept records
 * of the days before it, and a dataset row reads the tiles of earlier days. {@code --parallelism} is the
 * cores of the backfill's own Spark application, which works on all the days of a chunk at once.
 */
final class BackfillEngine {
    /** What the engine needs of the compiled project. */
    record Project(JobManifest job, LocalRuns local, Map<String, ComparisonReport.Pairing> pairings, Set<String> datasetTables) {
    }

    private final Project project;
    private final BackfillStore store;
    private final RunnerJobs runner;
    private final PrintWriter out;
    private final boolean terminal;
    private BackfillState state;

    BackfillEngine(Project project, BackfillStore store, RunnerJobs runner, BackfillState state, PrintWriter out,
            boolean terminal) {
        this.project = project;
        this.store = store;
        this.runner = runner;
        this.state = state;
        this.out = out;
        this.terminal = terminal;
    }

    BackfillState state() {
        return state;
    }

    /** Computes what is missing, reports, and publishes unless told not to; returns the exit code. */
    int run(boolean publish) throws IOException, InterruptedException {
        leftoverRunner();
        if (state.status() == Status.PUBLISHING) {
            return publish();
        }
        if (!state.unfinished().isEmpty() && runChunks() != ExitCodes.OK) {
            return ExitCodes.USER_ERRORS;
        }
        save(state.with(Status.READY, Optional.empty()));
        return publish ? publish() : reportOnly();
    }

    // ------------------------------------------------------------------ chunks

    private int runChunks() throws IOException, InterruptedException {
        List<Chunk> todo = state.unfinished();
        BackfillState running = state.with(Status.RUNNING, Optional.empty());
        for (Chunk c : todo) {
            running = running.withChunk(c.pending()); // a failed chunk is redone whole
        }
        save(running);
        List<Path> manifests = new ArrayList<>();
        List<Step> steps = project.job().steps().stream().filter(s -> state.steps().contains(s.id()))
                .map(s -> new Step(s.id(), s.kind(), s.severity(), s.sql(), s.tables(),
                        s.dependsOn().stream().filter(state.steps()::contains).toList()))
                .toList();
        for (Chunk c : todo) {
            JobManifest days = project.local().forDays(project.job(), c.from(), c.to(), state.branch(), steps);
            // a job name of its own: the Spark application is "fsc <project>/backfill-<id>", not the daily job's
            manifests.add(runner.write("chunk-" + c.name(), new JobManifest(days.formatVersion(), days.project(),
                    "backfill-" + state.id(), days.planHash(), days.fscVersion(), days.catalog(), days.parameters(),
                    days.branch(), days.steps())));
        }
        out.println("backfill " + state.id() + ": " + todo.size() + " chunk(s), " + todo.stream().mapToInt(Chunk::days).sum()
                + " days to compute on branch " + state.branch() + " (Spark local[" + state.parallelism() + "])");
        out.flush();
        Progress progress = new Progress(out, terminal, state.totalDays(), state.doneDays());
        int code = runner.run(manifests, state.parallelism(), this::startedRunner, line -> {
            progress.runnerLine(line);
            collectChunks(todo, manifests, progress);
        });
        collectChunks(todo, manifests, progress);
        progress.finish();
        save(state.withRunner(Optional.empty()));
        Optional<Chunk> failed = state.chunks().stream().filter(c -> c.status() == ChunkStatus.FAILED).findFirst();
        if (failed.isPresent() || !state.unfinished().isEmpty()) {
            String why = failed.map(c -> "days " + c.name() + ": " + c.message().orElse("failed"))
                    .orElse("the Spark runner stopped (exit code " + code + ") before finishing; see " + store.folder(state.id()));
            save(state.with(Status.FAILED, Optional.of(why)));
            out.println("backfill " + state.id() + " FAILED: " + why);
            out.println("  nothing was published: main is unchanged; the finished days wait on branch " + state.branch());
            out.println("  after fixing the cause: fsc backfill resume " + state.id() + "   (or: fsc backfill abort " + state.id() + ")");
            out.flush();
            return ExitCodes.USER_ERRORS;
        }
        return ExitCodes.OK;
    }

    /** Records every chunk whose result the runner has written since the last look. */
    private void collectChunks(List<Chunk> todo, List<Path> manifests, Progress progress) {
        try {
            for (int i = 0; i < todo.size(); i++) {
                Chunk c = todo.get(i);
                Path result = RunnerJobs.resultOf(manifests.get(i));
                if (current(c).status() != ChunkStatus.PENDING || !Files.exists(result)) {
                    continue;
                }
                JobResult r = JobResult.fromJson(Files.readString(result, StandardCharsets.UTF_8));
                long rows = r.steps().stream().flatMap(s -> s.rowsWritten().values().stream()).mapToLong(Long::longValue).sum();
                Chunk done = r.status() == JobResult.Status.OK ? c.done(rows, r.seconds())
                        : c.failed(r.message().orElse("failed") + " (log: " + store.folder(state.id()) + ")");
                save(state.withChunk(done));
                progress.update(state.doneDays(), state.rows(), "days " + c.name() + " " + done.status().name().toLowerCase());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Chunk current(Chunk c) {
        return state.chunks().stream().filter(x -> x.from().equals(c.from())).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ report and publish

    /** The tables the backfill branch exists on (what the chunks wrote), by name. */
    private Map<String, TableRefs> touched() {
        Map<String, TableRefs> touched = new LinkedHashMap<>();
        TableRefs.scan(project.local().warehouse()).forEach((name, refs) -> {
            if (refs.ref(state.branch()).isPresent()) {
                touched.put(name, refs);
            }
        });
        return touched;
    }

    private int reportOnly() throws IOException, InterruptedException {
        ComparisonReport report = report();
        Map<String, TableRefs> touched = touched();
        Set<String> tables = touched.keySet();
        Path job = runner.write("report", manifest("report", Optional.empty(), report.steps(touched.values(), byDay(), project.pairings())));
        int code = runner.run(List.of(job), state.parallelism(), this::startedRunner, line -> { });
        save(state.withRunner(Optional.empty()));
        if (code != 0) {
            out.println("backfill " + state.id() + ": the comparison report failed (see " + store.folder(state.id()) + ")");
            return ExitCodes.USER_ERRORS;
        }
        out.print(report.render(tables));
        out.println();
        out.println("backfill " + state.id() + ": ready on branch " + state.branch() + " (report: "
                + store.folder(state.id()).resolve("report/report.md") + "); publish with: fsc backfill publish " + state.id());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Publishes: journals the tables, then one runner job writes the report and publishes every table (one
     * commit per table) and tags the datasets. Main of a table may have moved since the branch was cut (a
     * streaming job's appends): the runner then commits the backfill's change on top of main if those commits
     * touched none of the backfilled partitions, and otherwise refuses before publishing any table.
     */
    int publish() throws IOException, InterruptedException {
        leftoverRunner();
        Map<String, TableRefs> touched = touched();
        boolean resuming = state.status() == Status.PUBLISHING;
        if (!resuming) {
            List<String> moved = touched.values().stream().filter(t -> !t.canFastForward(state.branch()))
                    .map(TableRefs::table).toList();
            if (!moved.isEmpty()) {
                out.println("backfill " + state.id() + ": main moved since the backfill branched on " + String.join(", ", moved)
                        + " (e.g. streaming appends): their new commits are kept, the backfill's change goes on top");
            }
            for (String table : touched.keySet()) {
                state = state.withPublished(table, 0L); // journal: to publish
            }
            save(state.with(Status.PUBLISHING, Optional.empty()));
        }
        List<Path> jobs = new ArrayList<>();
        ComparisonReport report = report();
        Set<String> all = new TreeSet<>(state.published().keySet());
        // the report compares branch and main, so only while no table has been fast-forwarded yet
        boolean nothingPublished = touched.keySet().containsAll(all);
        Optional<Path> reportJob = Optional.empty();
        if (nothingPublished && !(resuming && Files.exists(store.folder(state.id()).resolve("report/report.md")))) {
            reportJob = Optional.of(runner.write("report", manifest("report", Optional.empty(), report.steps(all.stream().map(touched::get).toList(), byDay(), project.pairings()))));
            jobs.add(reportJob.get());
        }
        List<Step> steps = new ArrayList<>();
        List<String> publishIds = new ArrayList<>();
        for (String table : touched.keySet()) {
            String id = "publish_" + (publishIds.size() + 1);
            steps.add(Step.publish(id, List.of(table), List.of()));
            publishIds.add(id);
        }
        TableRefsSnapshot refs = new TableRefsSnapshot(TableRefs.scan(project.local().warehouse()));
        for (String table : all) {
            if (project.datasetTables().contains(table) && !refs.hasTag(table, state.tag())) {
                steps.add(Step.sql("tag_" + table.replace('.', '_'), List.of("ALTER TABLE " + table
                        + " CREATE OR REPLACE TAG `" + state.tag() + "`"), publishIds));
            }
        }
        int code = 0;
        if (!steps.isEmpty()) {
            jobs.add(runner.write("publish", manifest("publish", Optional.of(state.branch()), steps)));
            out.println("backfill " + state.id() + ": publishing " + touched.size() + " table(s)"
                    + (resuming ? " (finishing an interrupted publish)" : ""));
            out.flush();
            Progress progress = new Progress(out, terminal, 0, 0);
            code = runner.run(jobs, state.parallelism(), this::startedRunner, progress::runnerLine);
            save(state.withRunner(Optional.empty()));
        }
        // the report job may have finished in an earlier, killed attempt: render what it wrote
        Path reportJobFile = store.folder(state.id()).resolve("jobs/report.json");
        if (Files.exists(reportJobFile) && succeeded(reportJobFile)
                && (reportJob.isPresent() || !Files.exists(store.folder(state.id()).resolve("report/report.md")))) {
            out.print(report.render(all));
        }
        return afterPublish(code, all, steps.isEmpty() ? Optional.empty() : Optional.of(jobs.get(jobs.size() - 1)));
    }

    /** The error of the first failed step of a runner job, if it got that far. */
    private static Optional<String> firstError(Path job) {
        try {
            Path result = RunnerJobs.resultOf(job);
            if (!Files.exists(result)) {
                return Optional.empty();
            }
            return JobResult.fromJson(Files.readString(result, StandardCharsets.UTF_8)).steps().stream()
                    .flatMap(step -> step.error().stream()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean succeeded(Path job) throws IOException {
        Path result = RunnerJobs.resultOf(job);
        return Files.exists(result)
                && JobResult.fromJson(Files.readString(result, StandardCharsets.UTF_8)).status() == JobResult.Status.OK;
    }

    /** Reads back from the catalog which tables main was fast-forwarded on, and says how it went. */
    private int afterPublish(int code, Set<String> all, Optional<Path> publishJob) throws IOException {
        Map<String, TableRefs> now = TableRefs.scan(project.local().warehouse());
        boolean nothingPublished = all.stream().allMatch(t -> now.containsKey(t) && now.get(t).ref(state.branch()).isPresent());
        if (code != 0 && nothingPublished) {
            // every table still has its branch and main has none of it: back to waiting, abort allowed
            String why = publishJob.flatMap(BackfillEngine::firstError).orElse("the publish job failed (exit code " + code + ")");
            save(state.with(Status.READY, Optional.of(why)));
            out.println("backfill " + state.id() + ": refusing to publish: " + why.replace("nothing was published: ", "")
                    .replaceAll("\nhint: .*", "")
                    + "\nNothing was published. Start the backfill again on top of the new main: fsc backfill abort "
                    + state.id() + ", then the same fsc backfill command");
            out.flush();
            return ExitCodes.USER_ERRORS;
        }
        TableRefsSnapshot refs = new TableRefsSnapshot(now);
        List<String> left = new ArrayList<>();
        for (String table : all) {
            TableRefs t = now.get(table);
            boolean done = t != null && t.ref(state.branch()).isEmpty()
                    && (!project.datasetTables().contains(table) || refs.hasTag(table, state.tag()));
            if (done) {
                state = state.withPublished(table, t.main().orElse(0L));
            } else {
                left.add(table);
            }
        }
        if (left.isEmpty()) {
            save(state.with(Status.PUBLISHED, Optional.empty()));
            out.println("backfill " + state.id() + ": published " + all.size() + " table(s); datasets tagged `"
                    + state.tag() + "`; report: " + store.folder(state.id()).resolve("report/report.md"));
            out.flush();
            return ExitCodes.OK;
        }
        String why = "publishing stopped (runner exit code " + code + ") with " + left.size() + " of " + all.size()
                + " table(s) not yet published: " + String.join(", ", left);
        save(state.with(Status.PUBLISHING, Optional.of(why)));
        out.println("backfill " + state.id() + ": " + why + ". Finish with: fsc backfill publish " + state.id());
        out.flush();
        return ExitCodes.USER_ERRORS;
    }

    /** Drops the backfill's branch from every table; main was never touched. */
    int abort() throws IOException, InterruptedException {
        leftoverRunner();
        if (state.status() == Status.PUBLISHING || state.status() == Status.PUBLISHED) {
            out.println("backfill " + state.id() + " is " + state.status().text() + ": main already has some of it; finish with"
                    + " fsc backfill publish " + state.id());
            return ExitCodes.USER_ERRORS;
        }
        List<Step> steps = new ArrayList<>();
        for (String table : touched().keySet()) {
            steps.add(Step.sql("drop_" + (steps.size() + 1), List.of("ALTER TABLE " + table + " DROP BRANCH IF EXISTS `"
                    + state.branch() + "`"), List.of()));
        }
        if (!steps.isEmpty()) {
            int code = runner.run(List.of(runner.write("abort", manifest("abort", Optional.empty(), steps))),
                    state.parallelism(), this::startedRunner, line -> { });
            save(state.withRunner(Optional.empty()));
            if (code != 0 || !touched().isEmpty()) {
                out.println("backfill " + state.id() + ": dropping the branch failed on " + String.join(", ", touched().keySet())
                        + " (see " + store.folder(state.id()) + "); main is unchanged");
                return ExitCodes.USER_ERRORS;
            }
        }
        save(state.with(Status.ABORTED, Optional.empty()));
        out.println("backfill " + state.id() + ": aborted; branch " + state.branch() + " dropped from " + steps.size()
                + " table(s); main is unchanged");
        out.flush();
        return ExitCodes.OK;
    }

    // ------------------------------------------------------------------ helpers

    /** The tables partitioned by day (the CDC versions tables are not). */
    private Set<String> byDay() {
        Set<String> byDay = new TreeSet<>();
        TableRefs.scan(project.local().warehouse()).forEach((name, t) -> {
            if (t.partitionColumns().contains("ds")) {
                byDay.add(name);
            }
        });
        return byDay;
    }

    private ComparisonReport report() {
        return new ComparisonReport(state.branch(), state.from(), state.to(), store.folder(state.id()).resolve("report"));
    }

    private JobManifest manifest(String name, Optional<String> branch, List<Step> steps) {
        JobManifest job = project.job();
        return new JobManifest(job.formatVersion(), job.project(), "backfill-" + name, job.planHash(), job.fscVersion(),
                JobManifest.CatalogConfig.hadoop(project.local().warehouse().toAbsolutePath().normalize().toString()),
                Map.of(), branch, steps);
    }

    private void leftoverRunner() throws IOException {
        if (RunnerJobs.stopLeftover(state.runnerPid())) {
            out.println("backfill " + state.id() + ": stopped the Spark runner (pid " + state.runnerPid().get()
                    + ") an interrupted fsc backfill left running");
        }
        if (state.runnerPid().isPresent()) {
            save(state.withRunner(Optional.empty()));
        }
    }

    private void startedRunner(long pid) {
        try {
            save(state.withRunner(Optional.of(pid)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void save(BackfillState next) throws IOException {
        state = next;
        store.save(next);
    }

    /** Tags are refs too: whether a table carries one. */
    private record TableRefsSnapshot(Map<String, TableRefs> tables) {
        boolean hasTag(String table, String tag) {
            return tables.containsKey(table) && tables.get(table).ref(tag).isPresent();
        }
    }
}
