package dev.fsc.cli.run;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.compiler.codegen.airflow.DagPlanner;
import dev.fsc.compiler.codegen.airflow.DagTask;
import dev.fsc.compiler.codegen.airflow.DailyDag;
import dev.fsc.compiler.codegen.airflow.TaskManifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fsc run-task TASK --env local --ds D}: what a task of the generated local DAGs runs — that task's steps
 * of the daily job for one day, on its DAG's write–audit–publish branch for the day (the features DAG's is the
 * one {@code fsc run --date D} uses), so only a DAG's {@code publish} task changes main. See {@code TaskManifests} for how a task's manifest is
 * cut from the job.
 */
@Command(name = "run-task", mixinStandardHelpOptions = true,
        description = "Run one task of the daily DAGs (a set of the batch job's steps) for one day on the local environment.")
public final class RunTaskCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Parameters(index = "0", paramLabel = "TASK", description = "the task, as the DAG names it (e.g. silver_orders, publish)")
    private String taskName;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local", description = "environment (default: local)")
    private String environment;

    @Option(names = "--ds", paramLabel = "YYYY-MM-DD", required = true, description = "the day processed (Airflow's {{ ds }})")
    private String ds;

    @Option(names = "--task-hash", paramLabel = "HASH",
            description = "the task's content hash the DAG was generated with; the task refuses to run if its steps differ now")
    private String expectedHash;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    private String master;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> found = project.root("run-task", err);
        if (found.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (!environment.equals(LocalJob.ENVIRONMENT)) {
            err.println("fsc run-task: runs the local environment only; the `" + environment + "` DAG runs its tasks on its own cluster");
            return ExitCodes.USAGE;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(ds);
        } catch (DateTimeParseException e) {
            err.println("fsc run-task: --ds is not a date (YYYY-MM-DD): " + ds);
            return ExitCodes.USAGE;
        }
        LocalJob.Compiled compiled = LocalJob.compile(found.get(), "run-task", err);
        if (!compiled.ok()) {
            return compiled.exitCode();
        }
        LocalJob local = compiled.job();
        List<DailyDag> dags = new DagPlanner().plan(local.model(), local.job().manifest());
        Optional<DailyDag> dag = dags.stream().filter(d -> d.task(taskName).filter(t -> t.kind() == DagTask.Kind.SPARK).isPresent()).findFirst();
        if (dag.isEmpty()) {
            err.println("fsc run-task: no Spark task `" + taskName + "` in the project's DAGs; their tasks: " + String.join("; ",
                    dags.stream().map(d -> d.dagId() + ": " + String.join(", ", d.tasks().stream()
                            .filter(t -> t.kind() == DagTask.Kind.SPARK).map(DagTask::name).toList())).toList()));
            return ExitCodes.USAGE;
        }
        DagTask task = dag.get().task(taskName).orElseThrow();
        JobManifest manifest = TaskManifests.of(local.job().manifest(), dag.get(), task);
        String hash = TaskManifests.hash(manifest);
        if (expectedHash != null && !expectedHash.equals(hash)) {
            err.println("fsc run-task: task " + taskName + " now has hash " + hash + ", but the DAG was generated with "
                    + expectedHash + ": the specs changed since the DAG was generated, so its task would run other steps");
            err.println("  hint: regenerate the DAG (fsc compile --env local) and redeploy it before rerunning the day");
            return ExitCodes.USER_ERRORS;
        }
        Optional<Path> jar = LocalJob.runner("run-task", err);
        if (jar.isEmpty()) {
            return ExitCodes.USAGE;
        }
        LocalRuns runs = new LocalRuns(local.root());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path runDir = runs.runs().resolve(stamp + "-" + day + "-" + taskName);
        Path file = runs.writeRun(manifest, day, day, runDir);
        out.println("fsc run-task: " + dag.get().dagId() + " " + taskName + " (" + hash + "), day " + day + ": "
                + String.join(", ", task.steps()));
        out.flush();
        Path log = runDir.resolve("spark.log");
        int code = new SparkProcess(jar.get(), runs.tmp()).run(file, runDir.resolve("result.json"), master, log, out);
        if (code == JobResult.EXIT_OK) {
            out.println("fsc run-task: ok" + (task.steps().contains(dev.fsc.compiler.codegen.spark.SparkSteps.PUBLISH) ? "; published" : "; written on the DAG's branch for the day"));
            out.flush();
            return ExitCodes.OK;
        }
        err.println("fsc run-task: " + taskName + " failed; main is unchanged. Details: " + log);
        err.flush();
        return code == JobResult.EXIT_FAILED ? ExitCodes.USER_ERRORS : code;
    }
}
