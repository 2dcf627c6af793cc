package dev.fsc.cli.backfill;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.run.RunnerJar;
import dev.fsc.cli.run.SparkProcess;
import dev.fsc.common.manifest.JobManifest.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsc backfill --days N | --from D --to D [--view V | --dataset S]}: recomputes those day partitions on
 * a branch of their own ({@code backfill-<id>}), audits them with the quality checks, reports what changes
 * against main, and publishes only when everything succeeded. {@code resume}, {@code publish}, {@code abort}
 * and {@code status} act on a backfill by its id.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Recompute day partitions on a branch, compare with main, publish all or nothing (local environment).",
        subcommands = {BackfillCommand.Resume.class, BackfillCommand.Publish.class, BackfillCommand.Abort.class,
                BackfillCommand.Status.class})
public final class BackfillCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--days", paramLabel = "N", description = "the N days ending with --to (default: ending yesterday, UTC)")
    private Integer days;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first day (with --to)")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day, inclusive")
    private String to;

    @ArgGroup(exclusive = true)
    private Target target;

    static final class Target {
        @Option(names = "--view", paramLabel = "VIEW", description = "only this feature view's tiles (and what they read)")
        String view;

        @Option(names = "--dataset", paramLabel = "DATASET", description = "only this dataset (and what it reads)")
        String dataset;

        @Option(names = "--all", description = "every table of the batch job (without any target: what the plan change"
                + " against the deployed state, or git HEAD, needs)")
        boolean all;
    }

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local", description = "environment (default: local)")
    private String environment;

    @Option(names = "--parallelism", paramLabel = "P", defaultValue = "2",
            description = "cores of the backfill's own Spark application (default: ${DEFAULT-VALUE})")
    private int parallelism;

    @Option(names = "--chunk-days", paramLabel = "C", defaultValue = "1",
            description = "days per job: a resume redoes whole chunks; larger chunks have less overhead (default: ${DEFAULT-VALUE})")
    private int chunkDays;

    @Option(names = "--no-publish", description = "stop after the report; leave the branch for inspection")
    private boolean noPublish;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> root = project.root("backfill", err);
        if (root.isEmpty() || !localOnly(environment, err)) {
            return ExitCodes.USAGE;
        }
        Optional<LocalDate[]> range = range(err);
        if (range.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (parallelism < 1 || chunkDays < 1) {
            err.println("fsc backfill: --parallelism and --chunk-days must be at least 1");
            return ExitCodes.USAGE;
        }
        Optional<CompiledProject> compiled = CompiledProject.of(root.get(), err);
        if (compiled.isEmpty()) {
            return ExitCodes.USER_ERRORS;
        }
        String what;
        List<String> targets;
        if (target == null) { // what the plan change calls for
            java.util.Set<String> fromPlan;
            try {
                fromPlan = PlanTargets.of(PlanTargets.diff(root.get(), compiled.get().model().project(), compiled.get().plan(), environment));
            } catch (dev.fsc.cli.plan.BaselineException e) {
                err.println("fsc backfill: no target given and no baseline to diff against (" + e.getMessage()
                        + "); name one: --view V, --dataset D or --all");
                return ExitCodes.USAGE;
            }
            if (fromPlan.isEmpty()) {
                out.println("fsc backfill: the plan has no change that needs a backfill (against the deployed state, or git"
                        + " HEAD when nothing is deployed); to recompute anyway name a target: --view V, --dataset D or --all");
                return ExitCodes.OK;
            }
            what = PlanTargets.label(fromPlan);
            targets = List.copyOf(fromPlan);
        } else {
            what = target.all ? "all" : target.view != null ? "view:" + target.view : "dataset:" + target.dataset;
            targets = List.of(what);
        }
        Optional<List<Step>> steps = TargetSteps.select(compiled.get().engine().job(), targets);
        if (steps.isEmpty()) {
            err.println("fsc backfill: no " + what.replace(':', ' ') + " in the project; "
                    + (what.startsWith("view:") ? "views: " + String.join(", ", compiled.get().model().views().stream().map(v -> v.name()).toList())
                            : "datasets: " + String.join(", ", compiled.get().model().datasets().stream().map(d -> d.name()).toList())));
            return ExitCodes.USAGE;
        }
        Optional<Path> jar = runnerJar(err);
        if (jar.isEmpty()) {
            return ExitCodes.USAGE;
        }
        BackfillStore store = new BackfillStore(root.get());
        String id = store.newId();
        BackfillState state = new BackfillState(id, compiled.get().model().project().project().value(),
                compiled.get().plan().planHash(), what, steps.get().stream().map(Step::id).toList(), parallelism,
                BackfillState.Status.RUNNING, Optional.empty(), BackfillState.chunk(range.get()[0], range.get()[1], chunkDays),
                java.util.Map.of(), Optional.empty());
        store.save(state);
        out.println("backfill " + id + ": " + what + ", " + state.totalDays() + " days " + state.from() + " .. " + state.to()
                + ", " + steps.get().size() + " steps per chunk, plan " + state.planHash() + "; state: " + store.stateFile(id));
        return engine(compiled.get(), store, jar.get(), state, out).run(!noPublish);
    }

    private Optional<LocalDate[]> range(PrintWriter err) {
        try {
            LocalDate last = to != null ? LocalDate.parse(to) : LocalDate.now(ZoneOffset.UTC).minusDays(1);
            LocalDate first;
            if (days != null && from == null) {
                if (days < 1) {
                    err.println("fsc backfill: --days must be at least 1");
                    return Optional.empty();
                }
                first = last.minusDays(days - 1L);
            } else if (days == null && from != null && to != null) {
                first = LocalDate.parse(from);
            } else {
                err.println("fsc backfill: which days? give --days N [--to D], or --from D --to D");
                return Optional.empty();
            }
            if (last.isBefore(first)) {
                err.println("fsc backfill: --to " + last + " is before --from " + first);
                return Optional.empty();
            }
            return Optional.of(new LocalDate[] {first, last});
        } catch (DateTimeParseException e) {
            err.println("fsc backfill: not a date (YYYY-MM-DD): " + e.getParsedString());
            return Optional.empty();
        }
    }

    static boolean localOnly(String environment, PrintWriter err) {
        if (!environment.equals(CompiledProject.ENVIRONMENT)) {
            err.println("fsc backfill: runs on the local environment only for now; `" + environment
                    + "` backfills need the deploy state of that environment (fsc deploy, a later milestone)");
            return false;
        }
        return true;
    }

    static Optional<Path> runnerJar(PrintWriter err) {
        Optional<Path> jar = RunnerJar.SPARK.find();
        if (jar.isEmpty()) {
            err.println("fsc backfill: the Spark runner jar was not found; " + RunnerJar.SPARK.hint());
        }
        return jar;
    }

    static BackfillEngine engine(CompiledProject compiled, BackfillStore store, Path jar, BackfillState state, PrintWriter out) {
        Path folder = store.folder(state.id());
        RunnerJobs runner = new RunnerJobs(folder, new SparkProcess(jar, compiled.engine().local().tmp()));
        return new BackfillEngine(compiled.engine(), store, runner, state, out, System.console() != null);
    }

    /** The backfill an id names, compiled against the project as it is now; empty after telling why not. */
    static Optional<BackfillEngine> existing(ProjectOption project, String command, String id, PrintWriter out, PrintWriter err)
            throws IOException {
        Optional<Path> root = project.root("backfill " + command, err);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        BackfillStore store = new BackfillStore(root.get());
        Optional<BackfillState> state = store.load(id);
        if (state.isEmpty()) {
            err.println("fsc backfill " + command + ": no backfill `" + id + "` in " + store.root() + "; backfills: "
                    + String.join(", ", store.ids()));
            return Optional.empty();
        }
        Optional<CompiledProject> compiled = CompiledProject.of(root.get(), err);
        Optional<Path> jar = compiled.isEmpty() ? Optional.empty() : runnerJar(err);
        if (compiled.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        if (!compiled.get().plan().planHash().equals(state.get().planHash())) {
            err.println("fsc backfill " + command + ": the specs changed since backfill " + id + " started (plan "
                    + state.get().planHash() + ", now " + compiled.get().plan().planHash() + "); its days would mix two"
                    + " versions. Abort it (fsc backfill abort " + id + " with the old specs checked out) and start a new one");
            return Optional.empty();
        }
        return Optional.of(engine(compiled.get(), store, jar.get(), state.get(), out));
    }

    /** A subcommand acting on one backfill, named by its id: finds it and compiles the project, then {@link #act}. */
    abstract static class OnBackfill implements Callable<Integer> {
        @CommandLine.Mixin
        private ProjectOption project;

        @CommandLine.Parameters(paramLabel = "ID", description = "the backfill's id (fsc backfill status lists them)")
        String id;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            String name = spec.name();
            Optional<BackfillEngine> engine = existing(project, name, id, out, spec.commandLine().getErr());
            int code = engine.isEmpty() ? ExitCodes.USAGE : act(engine.get(), engine.get().state().status(), out);
            out.flush();
            return code;
        }

        abstract int act(BackfillEngine engine, BackfillState.Status status, PrintWriter out)
                throws IOException, InterruptedException;
    }

    /** {@code fsc backfill resume ID}: redoes the missing or failed chunks, then reports and publishes. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Continue a failed or interrupted backfill.")
    static final class Resume extends OnBackfill {
        @Option(names = "--no-publish", description = "stop after the report; leave the branch for inspection")
        private boolean noPublish;

        @Override
        int act(BackfillEngine engine, BackfillState.Status status, PrintWriter out) throws IOException, InterruptedException {
            if (status == BackfillState.Status.PUBLISHED || status == BackfillState.Status.ABORTED) {
                out.println("backfill " + id + " is " + status.text() + "; nothing to resume");
                return ExitCodes.OK;
            }
            out.println("backfill " + id + ": resuming (" + engine.state().doneDays() + "/" + engine.state().totalDays()
                    + " days done)");
            return engine.run(!noPublish);
        }
    }

    /** {@code fsc backfill publish ID}: publishes a finished backfill, or finishes an interrupted publish. */
    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish a finished backfill (fast-forward main).")
    static final class Publish extends OnBackfill {
        @Override
        int act(BackfillEngine engine, BackfillState.Status status, PrintWriter out) throws IOException, InterruptedException {
            if (status != BackfillState.Status.READY && status != BackfillState.Status.PUBLISHING) {
                out.println("backfill " + id + " is " + status.text() + ", not ready to publish"
                        + (status == BackfillState.Status.PUBLISHED || status == BackfillState.Status.ABORTED ? ""
                                : "; finish it first: fsc backfill resume " + id));
                return status == BackfillState.Status.PUBLISHED ? ExitCodes.OK : ExitCodes.USER_ERRORS;
            }
            return engine.publish();
        }
    }

    /** {@code fsc backfill abort ID}: drops the backfill's branch; main is untouched. */
    @Command(name = "abort", mixinStandardHelpOptions = true, description = "Drop an unpublished backfill's branch.")
    static final class Abort extends OnBackfill {
        @Override
        int act(BackfillEngine engine, BackfillState.Status status, PrintWriter out) throws IOException, InterruptedException {
            return engine.abort();
        }
    }

    /** {@code fsc backfill status [ID]}: every backfill, or one, from its state file. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show backfills and how far they are.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Mixin
        private ProjectOption project;

        @CommandLine.Parameters(paramLabel = "ID", arity = "0..1")
        private String id;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Optional<Path> root = project.root("backfill status", spec.commandLine().getErr());
            if (root.isEmpty()) {
                return ExitCodes.USAGE;
            }
            BackfillStore store = new BackfillStore(root.get());
            List<String> ids = id == null ? store.ids() : List.of(id);
            for (String each : ids) {
                Optional<BackfillState> s = store.load(each);
                if (s.isEmpty()) {
                    spec.commandLine().getErr().println("fsc backfill status: no backfill `" + each + "`");
                    return ExitCodes.USAGE;
                }
                BackfillState st = s.get();
                out.println(st.id() + "  " + st.status().text() + "  " + st.target() + "  " + st.from() + " .. " + st.to() + "  "
                        + st.doneDays() + "/" + st.totalDays() + " days, " + st.rows() + " rows"
                        + st.message().map(m -> "  -- " + m).orElse(""));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
