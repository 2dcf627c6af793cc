package dev.fsc.cli.stream;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.Version;
import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.run.RunnerJar;
import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.flink.FlinkCodegen;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.spec.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsc stream --env local}: compiles the project and runs its streaming jobs on the Flink runner (its own
 * JVM, a local MiniCluster): the local input files replayed in arrival order through bronze, silver and every
 * online view's tiles into the Iceberg warehouse under {@code .fsc/} and the embedded online store.
 * {@code --until-idle} ends once every input is read; {@code --duration} stops the jobs after a while (they
 * resume from their checkpoints next time); without either they run until interrupted.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Run the streaming jobs (sources -> silver -> tiles -> online store) on a local Flink runner.")
public final class StreamCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local", description = "environment (default: local)")
    private String environment;

    @Option(names = "--until-idle", description = "run the jobs one after the other, each until its inputs are read"
            + " (local files are bounded: a job over them ends by itself)")
    private boolean untilIdle;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop the jobs after this long (e.g. 90s, 10m)")
    private String duration;

    @Option(names = "--resume", description = "continue from the jobs' newest checkpoints (after a stop or a crash)")
    private boolean resume;

    @Option(names = "--job", paramLabel = "NAME", description = "run only this job (repeatable; default: all)")
    private List<String> jobs = List.of();

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "override a job parameter (repeatable)")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--warehouse", paramLabel = "DIR", description = "Iceberg warehouse (default: <project>/.fsc/warehouse)")
    private Path warehouse;

    @Option(names = "--online-dir", paramLabel = "DIR", description = "embedded online store (default: <project>/.fsc/online)")
    private Path onlineDir;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("stream", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (untilIdle && duration != null) {
            err.println("fsc stream: give --until-idle or --duration, not both");
            return ExitCodes.USAGE;
        }
        Optional<Duration> limit = Optional.empty();
        if (duration != null) {
            limit = Durations.parse(duration);
            if (limit.isEmpty()) {
                err.println("fsc stream: --duration wants <int><unit> with unit s m h d (e.g. 90s), not `" + duration + "`");
                return ExitCodes.USAGE;
            }
        }
        Path root = found.get();
        CompileResult result = new Compiler().compile(root);
        err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
        err.flush();
        if (result.model().isEmpty()) {
            err.println("fsc stream: nothing run; fix the errors above");
            return ExitCodes.USER_ERRORS;
        }
        Model model = result.model().get();
        Plan plan = new ModelToPlan().plan(model);
        dev.fsc.cli.deploy.EnvironmentTables.Lookup tables = dev.fsc.cli.deploy.EnvironmentTables.of(root, model.project(), environment);
        tables.note().ifPresent(n -> err.println("fsc stream: note: " + n));
        FlinkCodegen.FlinkJobs compiled = new FlinkCodegen().generate(model, plan, Version.current(), environment,
                SparkCodegen.catalog(model.project(), environment), tables.versions());
        List<JobManifest> selected = compiled.manifests().stream().filter(m -> jobs.isEmpty() || jobs.contains(m.job())).toList();
        if (selected.isEmpty()) {
            err.println("fsc stream: no streaming job " + (jobs.isEmpty() ? "in this project (no stream or CDC source)"
                    : "named " + String.join(", ", jobs) + "; jobs: " + String.join(", ", compiled.manifests().stream().map(JobManifest::job).toList())));
            return ExitCodes.USAGE;
        }
        for (JobManifest m : selected) {
            for (Map.Entry<String, String> p : m.parameters().entrySet()) {
                if (p.getKey().startsWith("input_") && !params.containsKey(p.getKey()) && !Files.exists(root.resolve(p.getValue()))) {
                    err.println("fsc stream: the local input of source `" + p.getKey().substring("input_".length())
                            + "` does not exist: " + root.resolve(p.getValue()));
                    err.println("  hint: generate sample data with `fsc sample-data --project " + root + "`, or fix the"
                            + " path under environments." + environment + ".inputs in fsc.yaml");
                    return ExitCodes.USER_ERRORS;
                }
            }
        }
        Optional<Path> jar = RunnerJar.FLINK.find();
        if (jar.isEmpty()) {
            err.println("fsc stream: the Flink runner jar was not found; " + RunnerJar.FLINK.hint());
            return ExitCodes.USAGE;
        }

        LocalRuns local = new LocalRuns(root);
        Path wh = warehouse != null ? warehouse : local.warehouse();
        Path online = onlineDir != null ? onlineDir : root.resolve(".fsc/online");
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path runDir = root.resolve(".fsc/streams").resolve(runId);
        out.println("fsc stream: " + model.project().project().value() + ", " + selected.size() + " job(s), plan "
                + plan.planHash() + "; warehouse " + wh + ", online store " + online
                + (untilIdle ? "; until every input is read" : limit.map(l -> "; for " + duration).orElse("; until interrupted")));
        out.flush();

        // On a laptop's cores the jobs take turns when they end by themselves; otherwise they run side by side.
        Map<JobManifest, Path> results = new LinkedHashMap<>();
        List<FlinkProcess> running = new ArrayList<>();
        int exit = ExitCodes.OK;
        for (JobManifest m : selected) {
            Path manifest = LocalStreamManifest.write(m, root, wh, online, params, runDir);
            Path resultFile = runDir.resolve(m.job() + ".result.json");
            results.put(m, resultFile);
            List<String> args = new ArrayList<>(List.of("run", manifest.toString(), "--result", resultFile.toString(),
                    "--log", runDir.resolve(m.job() + ".log").toString(),
                    "--checkpoint-dir", root.resolve(".fsc/checkpoints").resolve(m.job()).toAbsolutePath().toString()));
            if (resume) {
                args.add("--resume");
            }
            out.println("fsc stream: job " + m.job() + " (" + m.steps().size() + " steps)");
            out.flush();
            FlinkProcess process = FlinkProcess.start(jar.get(), local.tmp(), args, m.job(), out);
            if (untilIdle) {
                exit = Math.max(exit, process.await(Optional.empty()));
            } else {
                running.add(process);
            }
        }
        for (FlinkProcess p : running) {
            exit = Math.max(exit, p.await(limit));
        }
        return report(results, runDir, out, err, exit);
    }

    private static int report(Map<JobManifest, Path> results, Path runDir, PrintWriter out, PrintWriter err, int exit) throws IOException {
        boolean allOk = true;
        for (Map.Entry<JobManifest, Path> r : results.entrySet()) {
            if (!Files.exists(r.getValue())) {
                err.println("fsc stream: job " + r.getKey().job() + " left no result; see " + runDir.resolve(r.getKey().job() + ".log"));
                allOk = false;
                continue;
            }
            Map<String, Object> result = Json.parseObject(Files.readString(r.getValue(), StandardCharsets.UTF_8));
            Object status = result.get("status");
            out.println("fsc stream: job " + r.getKey().job() + ": " + status + (result.get("seconds") != null ? " after " + result.get("seconds") + " s" : "")
                    + (result.get("message") != null ? " — " + result.get("message") : ""));
            if (result.get("tables") instanceof Map<?, ?> tables) {
                tables.forEach((table, rows) -> out.println("  " + table + ": " + rows + " rows added"));
            }
            Object code = result.get("exitCode");
            allOk &= code instanceof Number n && n.intValue() == 0;
        }
        out.flush();
        if (allOk && exit == 0) {
            return ExitCodes.OK;
        }
        err.println("fsc stream: failed; details in " + runDir);
        err.flush();
        return exit != 0 ? exit : ExitCodes.USER_ERRORS;
    }
}
