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

/** Runs the Spark runner as its own JVM (as a cluster would), passing its progress lines through. */
final class SparkProcess {
    private final Path runnerJar;
    private final Path tmpDir;

    SparkProcess(Path runnerJar, Path tmpDir) {
        this.runnerJar = runnerJar;
        this.tmpDir = tmpDir;
    }

    /** Runs a manifest, writing its result to {@code result}; returns the runner's exit code. */
    int run(Path manifest, Path result, String master, Path log, PrintWriter out) throws IOException, InterruptedException {
        Files.createDirectories(tmpDir);
        List<String> args = new ArrayList<>(List.of(manifest.toString(), "--result", result.toString(), "--master", master,
                "--log", log.toString()));
        // Local runs are small: compiling whole-stage Java code for every query costs more than it saves
        // (measured on the marketplace sample, one day: 78 s interpreted, 107 s with whole-stage codegen).
        args.addAll(List.of("--conf", "spark.sql.codegen.wholeStage=false"));
        List<String> command = SparkJvm.command(SparkJvm.currentJava(), runnerJar, tmpDir, SparkJvm.QUICK_START_OPTIONS, args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(SparkJvm.ENVIRONMENT);
        Process process = pb.start();
        process.getOutputStream().close();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println("  " + line);
                out.flush();
            }
        }
        return process.waitFor();
    }
}
