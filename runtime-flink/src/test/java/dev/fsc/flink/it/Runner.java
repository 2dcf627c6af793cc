package dev.fsc.flink.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The runner jar launched as its own JVM, as the CLI does. */
final class Runner {
    private Runner() {
    }

    static Path jar() {
        return Path.of(System.getProperty("fsc.runner.jar", "target/fsc-flink-runner.jar"));
    }

    static Process start(Path manifest, Path out, List<String> args) throws Exception {
        return start(manifest, out, args, List.of());
    }

    /** @param jvmOptions extra options of the runner's JVM (e.g. {@code -XX:StartFlightRecording=...}), before {@code -jar} */
    static Process start(Path manifest, Path out, List<String> args, List<String> jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("fsc.runner.heap", "768m")));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar().toString(), "run", manifest.toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    static int runToEnd(Path manifest, Path out, List<String> args) throws Exception {
        return runToEnd(manifest, out, args, List.of());
    }

    static int runToEnd(Path manifest, Path out, List<String> args, List<String> jvmOptions) throws Exception {
        Process p = start(manifest, out, args, jvmOptions);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("runner did not finish: " + Files.readString(out));
        }
        return p.exitValue();
    }

    /** Waits until some checkpoint under {@code dir} is complete. */
    static void awaitCheckpoint(Path dir, Process p, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("runner exited with " + p.exitValue() + " before a checkpoint");
            }
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir, 3)) {
                    if (files.anyMatch(f -> f.getFileName().toString().equals("_metadata"))) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no checkpoint in " + dir + " after " + timeoutMillis + " ms");
    }

    static String classpathSeparator() {
        return File.pathSeparator;
    }
}
