package dev.fsc.cli.deploy;

import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.stream.FlinkProcess;
import dev.fsc.cli.stream.LocalStreamManifest;
import dev.fsc.common.manifest.JobManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts one build of a streaming job on the cluster through the Flink runner ({@code run --jobmanager
 * --detached}). It restores from the job's last savepoint only when that savepoint has the same state shape;
 * otherwise it starts fresh and its sources replay from their configured start (the compiled
 * {@code scan.startup} settings), rebuilding the state. Done once a job of this exact name runs (or finished).
 *
 * @param stateBackend {@code hashmap} or {@code rocksdb}; a savepoint restores into either
 * @param replacing the build this one replaces, if one runs (only for the description)
 */
record SubmitFlinkJob(FlinkRest cluster, Path runnerJar, Path projectRoot, FlinkJobIdentity id, String compiledManifest,
        String stateBackend, FlinkJobRecords records, Optional<FlinkJobIdentity> replacing) implements DeployAction {
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    @Override
    public String describe() {
        String how = replacing.map(old -> old.shape().equals(id.shape())
                ? "restored from the savepoint of " + old.flinkName() + " (same state shape)"
                : "fresh: state shape " + old.shape() + " -> " + id.shape() + ", sources replay from their start").orElse("new job");
        return "start Flink job " + id.flinkName() + " on " + cluster.url() + ", " + how;
    }

    @Override
    public boolean isApplied() throws IOException {
        // A build that read its bounded inputs to the end is deployed too, unless a deploy stopped it.
        return cluster.running(id.flinkName()).isPresent() || (cluster.finished(id.flinkName())
                && records.savepoint(id.job()).filter(s -> s.flinkName().equals(id.flinkName())).isEmpty());
    }

    @Override
    public void apply() throws IOException {
        Optional<FlinkJobRecords.Savepoint> restore = records.savepoint(id.job()).filter(s -> s.shape().equals(id.shape()));
        LocalRuns local = new LocalRuns(projectRoot);
        Path manifest = LocalStreamManifest.write(JobManifest.fromJson(compiledManifest), projectRoot, local.warehouse(),
                projectRoot.resolve(".fsc/online"), Map.of(), records.manifest(id));
        List<String> args = new ArrayList<>(List.of("run", manifest.toString(), "--jobmanager", cluster.url(), "--detached",
                "--job-name", id.flinkName(), "--checkpoint-dir", records.checkpoints(id.job()).toString(), "--state-backend", stateBackend,
                "--log", records.log(id).toAbsolutePath().toString()));
        restore.ifPresent(s -> args.addAll(List.of("--savepoint", Path.of(java.net.URI.create(s.path())).toString())));
        int exit;
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(records.log(id), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            exit = FlinkProcess.start(runnerJar, local.tmp(), args, id.job(), log).await(Optional.of(START_LIMIT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while submitting " + id.flinkName(), e);
        }
        if (exit != 0) {
            throw new IOException("the Flink runner could not submit " + id.job() + " (exit " + exit + "); see " + records.log(id));
        }
        FlinkRest.Job job = cluster.awaitRunning(id.flinkName(), START_LIMIT);
        records.recordRunning(id, job.id(), restore.map(FlinkJobRecords.Savepoint::path));
    }
}
