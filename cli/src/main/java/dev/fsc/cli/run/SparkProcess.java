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

/**
 * Runs the Spark runner as its own JVM (as a cluster would), passing its output through line by line
 * and, after each day, how many are done and about how long the rest will take.
 */
final class SparkProcess {
    private final Path runnerJar;
    private final Path tmpDir;

    SparkProcess(Path runnerJar, Path tmpDir) {
        this.runnerJar = runnerJar;
        this.tmpDir = tmpDir;
    }

    /** Runs the manifests in order on one Spark session; returns the runner's exit code. */
    int run(List<Path> manifests, String master, Path log, PrintWriter out) throws IOException, InterruptedException {
        Files.createDirectories(tmpDir);
        List<String> args = new ArrayList<>();
        manifests.forEach(m -> args.add(m.toString()));
        args.addAll(List.of("--master", master, "--log", log.toString()));
        List<String> command = SparkJvm.command(SparkJvm.currentJava(), runnerJar, tmpDir, SparkJvm.QUICK_START_OPTIONS, args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(SparkJvm.ENVIRONMENT);
        Process process = pb.start();
        process.getOutputStream().close();
        long started = System.nanoTime();
        int daysDone = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println("  " + line);
                if (line.startsWith("ok: ") && manifests.size() > 1) {
                    daysDone++;
                    out.println(progress(daysDone, manifests.size(), System.nanoTime() - started));
                }
                out.flush();
            }
        }
        return process.waitFor();
    }

    static String progress(int done, int total, long elapsedNanos) {
        double elapsed = elapsedNanos / 1e9;
        double left = elapsed / done * (total - done);
        return "day " + done + "/" + total + " done (" + Math.round(elapsed) + " s so far"
                + (done < total ? ", about " + duration(left) + " left)" : ")");
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}
