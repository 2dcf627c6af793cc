package dev.fsc.cli.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of the Flink runner as its own JVM (as a cluster submission would be), its progress lines passed
 * through with the job's name in front. Started, then awaited: several jobs can run side by side.
 */
public final class FlinkProcess {
    private final Process process;
    private final Thread pump;

    private FlinkProcess(Process process, Thread pump) {
        this.process = process;
        this.pump = pump;
    }

    /**
     * Starts {@code java -jar <runner> <args...>}.
     *
     * @param tmpDir the JVM's temp dir (Flink and Hadoop leave files there)
     * @param label put before each line the runner prints
     */
    public static FlinkProcess start(Path runnerJar, Path tmpDir, List<String> args, String label, PrintWriter out) throws IOException {
        Files.createDirectories(tmpDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + tmpDir.toAbsolutePath());
        command.add("-jar");
        command.add(runnerJar.toAbsolutePath().toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (out) {
                        out.println("  [" + label + "] " + line);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the process ended while we read: its exit code tells what happened
            }
        }, "fsc-stream-" + label);
        pump.setDaemon(true);
        pump.start();
        return new FlinkProcess(process, pump);
    }

    /**
     * Waits for the runner to end, or stops it after {@code limit} (SIGTERM: the runner cancels the job and
     * keeps its last checkpoint); returns its exit code.
     */
    public int await(Optional<Duration> limit) throws InterruptedException {
        if (limit.isPresent() && !process.waitFor(limit.get().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        int code = process.waitFor();
        pump.join(5_000);
        return code;
    }
}
