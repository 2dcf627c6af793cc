package dev.fsc.cli.run;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.Version;
import dev.fsc.cli.deploy.EnvironmentTables;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A project compiled for a local run: its model, plan and daily Spark job, with the checks every local run
 * makes first (specs without errors, local inputs present; then {@link #runner}: the Spark runner jar found).
 * What {@code fsc run} and {@code fsc run-task} share.
 */
record LocalJob(Path root, Model model, Plan plan, SparkCodegen.SparkJob job, Map<String, String> inputs, TableVersions tables) {
    /** The environment local runs use. */
    static final String ENVIRONMENT = "local";

    /** Outcome of {@link #compile}: the job, or the exit code after the reason was printed. */
    record Compiled(LocalJob job, int exitCode) {
        boolean ok() {
            return job != null;
        }
    }

    static Compiled compile(Path root, String command, PrintWriter err) {
        CompileResult result = new Compiler().compile(root);
        err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
        err.flush();
        if (result.model().isEmpty()) {
            err.println("fsc " + command + ": nothing run; fix the errors above");
            return new Compiled(null, ExitCodes.USER_ERRORS);
        }
        Model model = result.model().get();
        Map<String, String> inputs = SparkCodegen.localInputs(model.project(), ENVIRONMENT);
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            if (!Files.exists(root.resolve(input.getValue()))) {
                err.println("fsc " + command + ": the local input of source `" + input.getKey() + "` does not exist: "
                        + root.resolve(input.getValue()));
                err.println("  hint: generate sample data with `fsc sample-data --project " + root + "`, or fix the"
                        + " path under environments.local.inputs in fsc.yaml");
                return new Compiled(null, ExitCodes.USER_ERRORS);
            }
        }
        Plan plan = new ModelToPlan().plan(model);
        // the tables the local environment's deployed jobs use (a breaking change may have moved some to a new version)
        TableVersions tables = EnvironmentTables.local(root, model.project(), err, command);
        SparkCodegen.SparkJob job = new SparkCodegen().generate(model, plan, Version.current(), inputs,
                JobManifest.CatalogConfig.hadoop("warehouse"), tables);
        return new Compiled(new LocalJob(root, model, plan, job, inputs, tables), ExitCodes.OK);
    }

    /** The Spark runner jar; empty after saying how to get one (a usage error). */
    static Optional<Path> runner(String command, PrintWriter err) {
        Optional<Path> jar = RunnerJar.SPARK.find();
        if (jar.isEmpty()) {
            err.println("fsc " + command + ": the Spark runner jar was not found; " + RunnerJar.SPARK.hint());
        }
        return jar;
    }
}
