package dev.fsc.cli.deploy;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.StreamingStateLayout;
import java.util.Optional;

/**
 * How a deployed streaming job is known on a shared cluster: its Flink job name
 * {@code fsc:<project>:<job>:<state shape>:<build>}. The <b>state shape</b> hashes the job's SQL as compiled
 * (steps, statements with {@code ${param}} placeholders unresolved) and the runner's {@link StreamingStateLayout}:
 * Flink's operators and their state types follow from the two, so the same shape means a savepoint of the old job
 * restores into the new one.
 * The <b>build</b> hash adds the parameter values (topics, servers, paths), the catalog and the state backend:
 * what else makes the running job differ, without changing what its state holds (a savepoint restores into either
 * backend).
 *
 * @param project the fsc project
 * @param job the streaming job
 * @param shape state-shape hash (12 hex)
 * @param build hash of the whole compiled manifest (12 hex)
 */
record FlinkJobIdentity(String project, String job, String shape, String build) {
    private static final String PREFIX = "fsc:";
    static final String DEFAULT_STATE_BACKEND = "hashmap";

    /** @param stateBackend the environment's Flink state backend ({@code hashmap}, the default, or {@code rocksdb}) */
    static FlinkJobIdentity of(String compiledManifestJson, String stateBackend) {
        JobManifest manifest = JobManifest.fromJson(compiledManifestJson);
        StringBuilder shape = new StringBuilder("state layout " + StreamingStateLayout.VERSION + "\n");
        for (JobManifest.Step step : manifest.steps()) {
            shape.append(step.id()).append('\n').append(step.kind()).append('\n');
            step.sql().forEach(sql -> shape.append(sql).append('\n'));
        }
        String build = shape + "\n" + new java.util.TreeMap<>(manifest.parameters()) + "\n" + manifest.catalog() + "\n" + manifest.branch()
                // the default adds nothing, so jobs deployed before backends were configurable keep their build
                + (stateBackend.equals(DEFAULT_STATE_BACKEND) ? "" : "\nstate backend " + stateBackend);
        return new FlinkJobIdentity(manifest.project(), manifest.job(), short12(shape.toString()), short12(build));
    }

    /** The identity in a Flink job name, if fsc named that job. */
    static Optional<FlinkJobIdentity> parse(String flinkJobName) {
        String[] parts = flinkJobName.split(":");
        return flinkJobName.startsWith(PREFIX) && parts.length == 5
                ? Optional.of(new FlinkJobIdentity(parts[1], parts[2], parts[3], parts[4])) : Optional.empty();
    }

    String flinkName() {
        return PREFIX + project + ":" + job + ":" + shape + ":" + build;
    }

    boolean sameJob(FlinkJobIdentity other) {
        return project.equals(other.project) && job.equals(other.job);
    }

    private static String short12(String text) {
        return LocalStateStore.sha256(text).substring(0, 12);
    }
}
