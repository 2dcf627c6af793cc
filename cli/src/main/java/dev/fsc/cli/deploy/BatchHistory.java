package dev.fsc.cli.deploy;

import dev.fsc.cli.Main;
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
        int exit;
        try {
            exit = new SparkProcess(sparkJar, local.tmp()).run(manifest, runDir.resolve("result.json"), "local[*]",
                    runDir.resolve("spark.log"), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the batch tiles of " + view.view(), e);
        }
        if (exit != 0) {
            throw new IOException("the batch tiles of " + view.view() + " for " + first + " .. " + last + " could not be built; see "
                    + runDir.resolve("spark.log"));
        }
        for (ViewDescriptor.TileLayout layout : view.tiles()) {
            String[] export = {"dataset", "export", "--project", projectRoot.toString(), "--table", layout.table(), "--branch", branch,
                "--format", "jsonl", "--out", tilesDir.resolve(layout.table() + ".jsonl").toString()};
            StringWriter said = new StringWriter();
            if (Main.run(export, new PrintWriter(said, true), new PrintWriter(said, true)) != 0) {
                throw new IOException("the batch tiles " + layout.table() + " could not be read from branch " + branch + ": "
                        + said.toString().strip());
            }
        }
    }

    private static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
