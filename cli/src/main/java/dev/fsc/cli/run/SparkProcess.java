package dev.fsc.cli.run;

import dev.fsc.common.manifest.SparkJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs the Spark runner as its own JVM (as a cluster would), passing its progress lines through. */
public final class SparkProcess {
    private final Path runnerJar;
    private final Path tmpDir;

    public SparkProcess(Path runnerJar, Path tmpDir) {
        this.runnerJar = runnerJar;
        this.tmpDir = tmpDir;
    }

    /** Runs a manifest, writing its result to {@code result}; returns the runner's exit code. */
    public int run(Path manifest, Path result, String master, Path log, PrintWriter out) throws IOException, InterruptedException {
        return run(List.of(manifest), Optional.of(result), master, log, pid -> { }, line -> {
            out.println("  " + line);
            out.flush();
        });
    }

    /**
     * Runs manifests in order on one Spark session (each one's result beside it when there are several), telling
     * {@code started} the runner's process id and {@code lines} each line it prints; returns its exit code.
     */
    public int run(List<Path> manifests, Optional<Path> result, String master, Path log, Consumer<Long> started,
            Consumer<String> lines) throws IOException, InterruptedException {
        return run(manifests, result, master, log, List.of(), started, lines);
    }

    /** The same, with more runner options ({@code options}, e.g. {@code --tables check}). */
    public int run(List<Path> manifests, Optional<Path> result, String master, Path log, List<String> options, Consumer<Long> started,
            Consumer<String> lines) throws IOException, InterruptedException {
        Files.createDirectories(tmpDir);
        List<String> args = new ArrayList<>();
        manifests.forEach(m -> args.add(m.toString()));
        args.addAll(options);
        result.ifPresent(r -> args.addAll(List.of("--result", r.toString())));
        args.addAll(List.of("--master", master, "--log", log.toString()));
        // Local runs are small: compiling whole-stage Java code for every query costs more than it saves
        // (measured on the marketplace sample, one day: 78 s interpreted, 107 s with whole-stage codegen).
        args.addAll(List.of("--conf", "spark.sql.codegen.wholeStage=false"));
        List<String> command = SparkJvm.command(SparkJvm.currentJava(), runnerJar, tmpDir, SparkJvm.QUICK_START_OPTIONS, args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(SparkJvm.ENVIRONMENT);
        Process process = pb.start();
        started.accept(process.pid());
        process.getOutputStream().close();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
            }
        }
        return process.waitFor();
    }
}
