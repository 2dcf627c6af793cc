package dev.fsc.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Flink runner jar as its own process (a session cluster, a polling reader), its output lines collected as
 * they come. Closing it closes its standard input first (a polling reader's signal to stop), then stops it.
 */
final class RunnerProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private RunnerProcess(Process process) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "runner-output");
        pump.setDaemon(true);
        pump.start();
    }

    static RunnerProcess start(Path workDir, List<String> args) throws IOException {
        String jar = System.getenv("FSC_FLINK_RUNNER");
        if (jar == null) {
            throw new IllegalStateException("FSC_FLINK_RUNNER is not set (failsafe sets it to runtime-flink's runner jar)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + workDir.toAbsolutePath(), "-jar", jar));
        command.addAll(args);
        return new RunnerProcess(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start());
    }

    /** The lines so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until a line matches and returns it. */
    String await(Predicate<String> line, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (String l : lines) {
                if (line.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive() && lines.stream().noneMatch(line)) {
                throw new IllegalStateException("the runner ended (exit " + process.exitValue() + "): " + String.join("\n", lines));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no such line after " + limit + ": " + String.join("\n", lines));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        pump.join(10_000);
    }
}
