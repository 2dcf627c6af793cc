package dev.fsc.cli.deploy;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What deploys did to the streaming jobs of one environment, under its state folder ({@code flink/}):
 * per job the running Flink job id and what it was restored from ({@code <job>.running.json}), the last
 * stop-with-savepoint ({@code <job>.savepoint.json}), and the submitted manifests, checkpoints and savepoints.
 */
record FlinkJobRecords(Path dir) {
    static FlinkJobRecords in(Path stateDir) {
        return new FlinkJobRecords(stateDir.resolve("flink"));
    }

    /** A savepoint taken when a job was stopped: {@code shape} tells which later jobs may restore from it. */
    record Savepoint(String flinkName, String jobId, String shape, String path) {
    }

    Path manifest(FlinkJobIdentity id) {
        return dir.resolve(id.job()).resolve(id.build());
    }

    Path checkpoints(String job) {
        return dir.resolve("checkpoints").resolve(job).toAbsolutePath();
    }

    Path savepoints(String job) {
        return dir.resolve("savepoints").resolve(job).toAbsolutePath();
    }

    Path log(FlinkJobIdentity id) {
        return dir.resolve(id.job() + ".log");
    }

    void recordSavepoint(String job, Savepoint savepoint) throws IOException {
        write(dir.resolve(job + ".savepoint.json"), Map.of("flink_name", savepoint.flinkName(), "job_id", savepoint.jobId(),
                "shape", savepoint.shape(), "path", savepoint.path()));
    }

    Optional<Savepoint> savepoint(String job) throws IOException {
        Path file = dir.resolve(job + ".savepoint.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, Object> json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        return Optional.of(new Savepoint((String) json.get("flink_name"), (String) json.get("job_id"), (String) json.get("shape"),
                (String) json.get("path")));
    }

    void recordRunning(FlinkJobIdentity id, String jobId, Optional<String> restoredFrom) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flink_name", id.flinkName());
        json.put("job_id", jobId);
        json.put("restored_from", restoredFrom.orElse(null));
        write(dir.resolve(id.job() + ".running.json"), json);
    }

    private static void write(Path file, Map<String, Object> json) throws IOException {
        Files.createDirectories(file.getParent());
        LocalStateStore.replace(file, Json.write(new LinkedHashMap<>(json)) + "\n");
    }
}
