package dev.fsc.cli.deploy;

import java.io.IOException;
import java.util.Optional;

/**
 * Stops a streaming job with a savepoint (never a plain cancel: its state may restore into the next build)
 * and records where the savepoint went. Done once no job of that name runs.
 */
record StopFlinkJob(FlinkRest cluster, FlinkJobIdentity running, FlinkJobRecords records, String reason) implements DeployAction {
    @Override
    public String describe() {
        return "stop Flink job " + running.flinkName() + " with a savepoint (" + reason + ")";
    }

    @Override
    public boolean isApplied() throws IOException {
        return cluster.running(running.flinkName()).isEmpty();
    }

    @Override
    public void apply() throws IOException {
        Optional<FlinkRest.Job> job = cluster.running(running.flinkName());
        if (job.isEmpty()) {
            return;
        }
        String path = cluster.stopWithSavepoint(job.get().id(), records.savepoints(running.job()).toUri().toString());
        records.recordSavepoint(running.job(), new FlinkJobRecords.Savepoint(running.flinkName(), job.get().id(), running.shape(), path));
    }
}
