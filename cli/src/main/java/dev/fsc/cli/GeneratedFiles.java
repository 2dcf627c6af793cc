package dev.fsc.cli;

import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.codegen.airflow.AirflowCodegen;
import dev.fsc.compiler.codegen.connect.ConnectCodegen;
import dev.fsc.compiler.codegen.flink.FlinkCodegen;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanJson;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Every file `fsc compile` generates, by relative path. */
public final class GeneratedFiles {
    private GeneratedFiles() {
    }

    /** The plan alone: what `plan --show-sql` diffs when only a baseline plan is known. */
    public static Map<Path, String> of(Plan plan) {
        Map<Path, String> files = new TreeMap<>();
        files.put(Path.of("plan.json"), PlanJson.write(plan, Version.current()));
        return files;
    }

    /** The plan and every target's files for one environment whose tables are all at version 1. */
    public static Map<Path, String> of(Model model, Plan plan, String environment) {
        return of(model, plan, environment, TableVersions.NONE);
    }

    /** The plan and every target's files for one environment, naming the versions of its tables in {@code tables}. */
    public static Map<Path, String> of(Model model, Plan plan, String environment, TableVersions tables) {
        Map<Path, String> files = of(plan);
        Map<String, String> inputs = SparkCodegen.localInputs(model.project(), environment);
        SparkCodegen.SparkJob spark = new SparkCodegen().generate(model, plan, Version.current(),
                inputs, SparkCodegen.catalog(model.project(), environment), tables);
        spark.files().forEach((path, content) -> files.put(Path.of(path), content));
        new AirflowCodegen().generate(model, spark.manifest(), environment, inputs)
                .ifPresent(dag -> dag.files().forEach((path, content) -> files.put(Path.of(path), content)));
        FlinkCodegen.FlinkJobs flink = new FlinkCodegen().generate(model, plan, Version.current(), environment,
                SparkCodegen.catalog(model.project(), environment), tables);
        flink.files().forEach((path, content) -> files.put(Path.of(path), content));
        new ConnectCodegen().generate(model, environment).forEach((path, content) -> files.put(Path.of(path), content));
        return files;
    }
}
