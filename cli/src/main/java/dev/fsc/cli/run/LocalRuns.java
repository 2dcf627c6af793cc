package dev.fsc.cli.run;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.codegen.spark.SparkCodegen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the local environment keeps its state under the project's {@code .fsc/}: the Iceberg warehouse,
 * each run's manifests, results and log, and Spark's scratch space; and the per-day manifests of a run.
 */
public record LocalRuns(Path project) {
    public Path warehouse() {
        return project.resolve(".fsc/warehouse");
    }

    public Path runs() {
        return project.resolve(".fsc/runs");
    }

    public Path tmp() {
        return project.resolve(".fsc/tmp");
    }

    public Path builds() {
        return project.resolve(".fsc/builds");
    }

    /**
     * Writes the manifest of a run of days {@code from..to} into {@code runDir}: the compiled job with the days,
     * absolute input paths, the local warehouse and a branch of its own (a failed run's work waits there;
     * rerunning the same days resumes it).
     */
    Path writeRun(JobManifest compiled, LocalDate from, LocalDate to, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        String days = from.equals(to) ? from.toString() : from + "_" + to;
        JobManifest manifest = forDays(compiled, from, to, compiled.branch().orElse("fsc-" + compiled.job()) + "-" + days,
                compiled.steps());
        Path file = runDir.resolve(compiled.job() + "-" + days + ".json");
        Files.writeString(file, manifest.toJson(), StandardCharsets.UTF_8);
        return file;
    }

    /** The compiled job as run here over days {@code from..to}: absolute input paths, the local warehouse, these steps. */
    public JobManifest forDays(JobManifest compiled, LocalDate from, LocalDate to, String branch, List<JobManifest.Step> steps) {
        Map<String, String> parameters = new TreeMap<>(compiled.parameters());
        parameters.put(SparkCodegen.FROM_PARAMETER, from.toString());
        parameters.put(SparkCodegen.TO_PARAMETER, to.toString());
        compiled.parameters().forEach((name, value) -> {
            if (name.startsWith("input_")) {
                parameters.put(name, project.resolve(value).toAbsolutePath().normalize().toString());
            }
        });
        return new JobManifest(compiled.formatVersion(), compiled.project(), compiled.job(), compiled.planHash(),
                compiled.fscVersion(), JobManifest.CatalogConfig.hadoop(warehouse().toAbsolutePath().normalize().toString()),
                parameters, Optional.of(branch), steps);
    }
}
