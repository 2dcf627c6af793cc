package dev.fsc.cli.backfill;

import dev.fsc.cli.run.SparkProcess;
import dev.fsc.common.manifest.JobManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts the Spark runner for a backfill — its own Spark application with {@code local[P]} cores, never the
 * live jobs' — on manifests written into the backfill's folder, and stops a runner an earlier, killed CLI left
 * running (its id is in the state) so that two runners never write the same branch.
 */
final class RunnerJobs {
    private final Path folder;
    private final SparkProcess spark;

    RunnerJobs(Path folder, SparkProcess spark) {
        this.folder = folder;
        this.spark = spark;
    }

    /** Writes a manifest under {@code jobs/}, removing an old result of the same name; returns its path. */
    Path write(String name, JobManifest manifest) throws IOException {
        Path file = folder.resolve("jobs").resolve(name + ".json");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(resultOf(file));
        Files.writeString(file, manifest.toJson(), StandardCharsets.UTF_8);
        return file;
    }

    /** Where the runner writes a manifest's result: beside it (as it does for several manifests). */
    static Path resultOf(Path manifest) {
        String name = manifest.getFileName().toString();
        return manifest.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".result.json");
    }

    /** Runs the manifests in order in one runner JVM; returns its exit code. */
    int run(List<Path> manifests, int parallelism, Consumer<Long> started, Consumer<String> lines)
            throws IOException, InterruptedException {
        Optional<Path> result = manifests.size() == 1 ? Optional.of(resultOf(manifests.get(0))) : Optional.empty();
        return spark.run(manifests, result, "local[" + parallelism + "]", nextLog(), started, lines);
    }

    /** Each runner start logs to a file of its own, so a resumed backfill keeps the killed run's log. */
    private Path nextLog() throws IOException {
        Files.createDirectories(folder);
        for (int n = 1;; n++) {
            Path log = folder.resolve("spark-" + n + ".log");
            if (!Files.exists(log)) {
                return log;
            }
        }
    }

    /** Stops the runner a killed backfill left behind, if it still runs; returns whether there was one. */
    static boolean stopLeftover(Optional<Long> pid) {
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(dev.fsc.common.manifest.SparkJvm.MAIN_CLASS)
                        || c.contains(dev.fsc.common.manifest.SparkJvm.JAR_NAME)).orElse(false));
        if (process.isEmpty()) {
            return false;
        }
        List<ProcessHandle> all = new ArrayList<>(process.get().descendants().toList());
        all.add(process.get());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) { // still alive after 30 s: the caller's branch checks will see its writes
                return true;
            }
        }
        return true;
    }
}
