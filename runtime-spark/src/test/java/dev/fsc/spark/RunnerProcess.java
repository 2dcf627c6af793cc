package dev.fsc.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.common.manifest.SparkJvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Launches {@code fsc-spark-runner.jar} as its own JVM, exactly as the CLI does
 * ({@link SparkJvm#command}), and reads Iceberg table metadata straight from the warehouse files.
 */
final class RunnerProcess {
    static final Path JAR = Path.of(System.getProperty("fsc.runner.jar", "target/" + SparkJvm.JAR_NAME));
    static final Path IT_DIR = Path.of(System.getProperty("fsc.it.dir", "target/it"));
    private static final long TIMEOUT_SECONDS = 300;

    private RunnerProcess() {
    }

    /** One finished run. */
    record Run(int exitCode, String stdout, String stderr, Optional<JobResult> result, Path log) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Writes the manifest as {@code <dir>/<name>.json} and runs it on local[2]. */
    static Run run(Path dir, String name, JobManifest manifest) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, manifest.toJson(), StandardCharsets.UTF_8);
        return run(file, List.of());
    }

    static Run run(Path manifestFile, List<String> moreArgs) throws IOException, InterruptedException {
        Path dir = manifestFile.toAbsolutePath().getParent();
        String stem = manifestFile.getFileName().toString().replaceFirst("\\.json$", "");
        Path result = dir.resolve(stem + ".result.json");
        Files.deleteIfExists(result);
        List<String> args = new ArrayList<>(List.of(manifestFile.toAbsolutePath().toString(), "--master", "local[2]",
                "--result", result.toString()));
        args.addAll(moreArgs);
        int exit = launch(dir, stem, args);
        return new Run(exit, Files.readString(dir.resolve(stem + ".stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(stem + ".stderr"), StandardCharsets.UTF_8), resultAt(result), dir.resolve(stem + ".log"));
    }

    /** Several manifests, in order, in ONE runner JVM (as the CLI runs a day range): each result beside its manifest. */
    static Runs runAll(Path dir, String name, Map<String, JobManifest> manifests) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, JobManifest> m : manifests.entrySet()) {
            Path file = dir.resolve(m.getKey() + ".json").toAbsolutePath();
            Files.writeString(file, m.getValue().toJson(), StandardCharsets.UTF_8);
            Files.deleteIfExists(dir.resolve(m.getKey() + ".result.json"));
            args.add(file.toString());
        }
        args.addAll(List.of("--master", "local[2]"));
        int exit = launch(dir, name, args);
        Map<String, Optional<JobResult>> results = new LinkedHashMap<>();
        for (String key : manifests.keySet()) {
            results.put(key, resultAt(dir.resolve(key + ".result.json")));
        }
        return new Runs(exit, Files.readString(dir.resolve(name + ".stdout"), StandardCharsets.UTF_8), results);
    }

    /** One JVM that ran several manifests: exit code, its output, each manifest's result if it ran. */
    record Runs(int exitCode, String stdout, Map<String, Optional<JobResult>> results) {
        JobResult result(String name) {
            return results.get(name).orElseThrow(() -> new AssertionError(name + " did not run:\n" + stdout));
        }
    }

    private static int launch(Path dir, String stem, List<String> args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run `mvn verify` (the jar is built in `package`)");
        Path tmp = IT_DIR.resolve("tmp").toAbsolutePath();
        Files.createDirectories(tmp);
        List<String> jvm = new ArrayList<>(SparkJvm.QUICK_START_OPTIONS);
        jvm.add("-Xmx1g");
        ProcessBuilder pb = new ProcessBuilder(SparkJvm.command(SparkJvm.currentJava(), JAR, tmp, jvm, args))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(stem + ".stdout").toFile())
                .redirectError(dir.resolve(stem + ".stderr").toFile());
        pb.environment().putAll(SparkJvm.ENVIRONMENT);
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("runner still running after " + TIMEOUT_SECONDS + " s: " + args);
        }
        return p.exitValue();
    }

    private static Optional<JobResult> resultAt(Path result) throws IOException {
        return Files.exists(result)
                ? Optional.of(JobResult.fromJson(Files.readString(result, StandardCharsets.UTF_8)))
                : Optional.empty();
    }

    /** A Hadoop-catalog table's current metadata file, parsed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Path warehouse, String table) throws IOException {
        Path dir = warehouse.resolve(table.replace('.', '/')).resolve("metadata");
        String version = Files.readString(dir.resolve("version-hint.text")).strip();
        return (Map<String, Object>) Json.parse(Files.readString(dir.resolve("v" + version + ".metadata.json")));
    }

    /** The snapshot id a branch of the table points at, if the branch exists. */
    @SuppressWarnings("unchecked")
    static Optional<Long> branchHead(Path warehouse, String table, String branch) throws IOException {
        Map<String, Object> refs = (Map<String, Object>) metadata(warehouse, table).getOrDefault("refs", Map.of());
        Map<String, Object> ref = (Map<String, Object>) refs.get(branch);
        return ref == null ? Optional.empty() : Optional.of((Long) ref.get("snapshot-id"));
    }

    /** The summary of one snapshot of the table. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> snapshotSummary(Path warehouse, String table, long snapshotId) throws IOException {
        for (Object s : (List<Object>) metadata(warehouse, table).get("snapshots")) {
            Map<String, Object> snap = (Map<String, Object>) s;
            if (((Long) snap.get("snapshot-id")) == snapshotId) {
                return (Map<String, Object>) snap.get("summary");
            }
        }
        throw new AssertionError("no snapshot " + snapshotId + " in " + table);
    }

    /** Every file under {@code dir} with its size and modification time, to prove nothing changed. */
    static List<String> listing(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().map(f -> {
                try {
                    return dir.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
