package dev.fsc.cli.backfill;

import dev.fsc.cli.Version;
import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.deploy.EnvironmentTables;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.CompileResult;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.codegen.spark.DatasetSql;
import dev.fsc.compiler.Compiler;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.diag.HumanRenderer;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.ModelToPlan;
import dev.fsc.compiler.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The project compiled for a backfill on the local environment: its model, plan and daily Spark job. */
record CompiledProject(Path root, Model model, Plan plan, BackfillEngine.Project engine) {
    static final String ENVIRONMENT = "local";

    /** Compiles; on errors or missing inputs tells {@code err} and returns empty. */
    static Optional<CompiledProject> of(Path root, PrintWriter err) {
        CompileResult result = new Compiler().compile(root);
        err.print(new HumanRenderer(Path.of(".")).render(result.diagnostics()));
        err.flush();
        if (result.model().isEmpty()) {
            err.println("fsc backfill: nothing run; fix the errors above");
            return Optional.empty();
        }
        Model model = result.model().get();
        Map<String, String> inputs = SparkCodegen.localInputs(model.project(), ENVIRONMENT);
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            if (!Files.exists(root.resolve(input.getValue()))) {
                err.println("fsc backfill: the local input of source `" + input.getKey() + "` does not exist: "
                        + root.resolve(input.getValue()));
                err.println("  hint: generate sample data with `fsc sample-data --project " + root + "`");
                return Optional.empty();
            }
        }
        Plan plan = new ModelToPlan().plan(model);
        // backfill fills the tables the local environment's deployed jobs use, new versions included
        TableVersions tables = EnvironmentTables.local(root, model.project(), err, "backfill");
        SparkCodegen.SparkJob job = new SparkCodegen().generate(model, plan, Version.current(), inputs,
                JobManifest.CatalogConfig.hadoop("warehouse"), tables);
        Set<String> datasetTables = new LinkedHashSet<>();
        model.datasets().forEach(d -> datasetTables.add(tables.physical(DatasetSql.table(d))));
        return Optional.of(new CompiledProject(root, model, plan, new BackfillEngine.Project(job.manifest(),
                new LocalRuns(root), ComparisonReport.pairings(model, tables), datasetTables)));
    }
}
