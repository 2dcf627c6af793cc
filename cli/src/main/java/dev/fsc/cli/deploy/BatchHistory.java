package dev.fsc.cli.deploy;

import dev.fsc.cli.Main;
import dev.fsc.cli.Version;
import dev.fsc.cli.backfill.TargetSteps;
import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.run.SparkProcess;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.online.HistoryGap;
import dev.fsc.common.online.ViewDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batch path's tiles for a new online version whose topic no longer holds a whole window ({@link HistoryGap}):
 * the view's tile steps of the deployed daily Spark job, with the loads they read, run over the gap's days on a
 * branch of their own — the live tables stay as they are — then read from that branch and written into the new
 * version's keys ({@code served --fill}). A source read from a topic lands in bronze through its streaming job, so
 * the lake still holds what the topic dropped. Runs with the local Spark runner on the local warehouse, the
 * lake every environment deploys to from this machine.
 *
 * @param dailyJob the deployed daily Spark job (this deploy's, so it names this deploy's table versions)
 */
record BatchHistory(Path projectRoot, Path sparkJar, JobManifest dailyJob) {
    private static final String DAILY_JOB = "spark/daily.job.json";

    /**
     * Present when the deployed files have a daily Spark job whose file inputs (if any) are on this machine and the
     * Spark runner is built.
     */
    static Optional<BatchHistory> of(Path projectRoot, Map<String, String> files, Optional<Path> sparkJar) {
        if (sparkJar.isEmpty() || !files.containsKey(DAILY_JOB)) {
            return Optional.empty();
        }
        JobManifest job = JobManifest.fromJson(files.get(DAILY_JOB));
        // sources read from their topics land in bronze through the streaming jobs: the lake keeps what a topic drops
        boolean inputsHere = job.parameters().entrySet().stream().filter(p -> p.getKey().startsWith("input_"))
                .allMatch(p -> Files.exists(projectRoot.resolve(p.getValue())));
        return inputsHere ? Optional.of(new BatchHistory(projectRoot, sparkJar.get(), job)) : Optional.empty();
    }

    /**
     * Builds the view's tiles over the gap's days and exports the version's tile tables into {@code tilesDir}
     * ({@code <table>.jsonl}, what {@code served --fill} reads).
     */
    void build(ViewDescriptor view, HistoryGap gap, Path tilesDir, PrintWriter out) throws IOException {
        LocalDate first = day(gap.from());
        LocalDate last = day(gap.until() - 1);
        List<JobManifest.Step> steps = TargetSteps.select(dailyJob, List.of("view:" + view.view())).orElseThrow(
                () -> new IOException("the daily Spark job has no tile steps of " + view.view()));
        String branch = "fsc-warm-" + view.view() + "-" + view.version();
        LocalRuns local = new LocalRuns(projectRoot);
        Path runDir = Files.createDirectories(local.runs().resolve(branch + "-" + first + "_" + last));
        Path manifest = runDir.resolve("warm.json");
        Files.writeString(manifest, local.forDays(dailyJob, first, last, branch, steps).toJson(), StandardCharsets.UTF_8);
        out.println("  building the batch tiles of " + view.view() + " for " + first + " .. " + last + " on branch " + branch
                + " (the live tables are not written)");
        out.flush();
        runSpark(local, manifest, "warm", "the batch tiles of " + view.view() + " for " + first + " .. " + last + " could not be built", out);
        exportTiles(view, branch, tilesDir);
        dropBranch(branch, local, runDir, out);
    }

    /** Runs a manifest with the Spark runner, its log beside it ({@code <name>.log}); fails with {@code failure} if it fails. */
    private void runSpark(LocalRuns local, Path manifest, String name, String failure, PrintWriter out) throws IOException {
        Path log = manifest.resolveSibling(name + ".log");
        try {
            if (new SparkProcess(sparkJar, local.tmp()).run(manifest, manifest.resolveSibling(name + "-result.json"), "local[*]", log, out) != 0) {
                throw new IOException(failure + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + failure, e);
        }
    }

    /** Every tile table of the view read from the branch in one Spark run, to {@code <tilesDir>/<table>.jsonl}. */
    private void exportTiles(ViewDescriptor view, String branch, Path tilesDir) throws IOException {
        List<String> export = new ArrayList<>(List.of("dataset", "export", "--project", projectRoot.toString(), "--branch", branch,
                "--format", "jsonl"));
        view.tiles().forEach(layout -> export.addAll(List.of("--table", layout.table())));
        // one table is written to --out itself, several to <out>/<table>.jsonl
        export.addAll(List.of("--out", (view.tiles().size() == 1 ? tilesDir.resolve(view.tiles().get(0).table() + ".jsonl") : tilesDir).toString()));
        StringWriter said = new StringWriter();
        if (Main.run(export.toArray(String[]::new), new PrintWriter(said, true), new PrintWriter(said, true)) != 0) {
            throw new IOException("the batch tiles of " + view.view() + " could not be read from branch " + branch + ": "
                    + said.toString().strip());
        }
    }

    /**
     * The branch served its purpose once its tiles were read: dropped from every table the daily job publishes (the
     * tables its steps may have written; {@code IF EXISTS} for the others).
     */
    private void dropBranch(String branch, LocalRuns local, Path runDir, PrintWriter out) throws IOException {
        List<JobManifest.Step> drops = new ArrayList<>();
        dailyJob.steps().stream().filter(step -> step.kind() == JobManifest.Kind.PUBLISH).flatMap(step -> step.tables().stream())
                .distinct().forEach(table -> drops.add(JobManifest.Step.sql(
                "drop_" + (drops.size() + 1), List.of("ALTER TABLE " + table + " DROP BRANCH IF EXISTS `" + branch + "`"), List.of())));
        JobManifest drop = new JobManifest(JobManifest.FORMAT_VERSION, dailyJob.project(), "warm-cleanup", "-", Version.current(),
                JobManifest.CatalogConfig.hadoop(local.warehouse().toAbsolutePath().normalize().toString()), Map.of(), Optional.empty(), drops);
        Path manifest = runDir.resolve("cleanup.json");
        Files.writeString(manifest, drop.toJson(), StandardCharsets.UTF_8);
        runSpark(local, manifest, "cleanup", "branch " + branch + " could not be dropped", out);
    }

    private static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
