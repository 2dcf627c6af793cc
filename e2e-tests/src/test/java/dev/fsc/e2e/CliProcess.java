package dev.fsc.e2e;

import dev.fsc.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code fsc} as a real process (the way a user or a scheduler runs it), whose output lines the test reads as
 * they come, and which it can SIGKILL — with the Spark runner it started, or alone, leaving the runner orphaned.
 */
final class CliProcess {
    /** When to kill: at the {@code nth} line matching {@code line}; {@code cliOnly} leaves the runner running. */
    record KillPoint(String name, Predicate<String> line, int nth, boolean cliOnly) {
    }

    /** What a run printed and how it ended; {@code killed} if the test killed it. */
    record Outcome(List<String> lines, int exit, boolean killed) {
        String text() {
            return String.join("\n", lines);
        }
    }

    private CliProcess() {
    }

    static Outcome run(Path workDir, List<String> args, KillPoint kill) throws IOException, InterruptedException {
        return run(workDir, args, Map.of(), kill);
    }

    /** As {@link #run(Path, List, KillPoint)}, with {@code env} added to the process's environment. */
    static Outcome run(Path workDir, List<String> args, Map<String, String> env, KillPoint kill) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        int seen = 0;
        boolean killed = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (!killed && kill != null && kill.line().test(line) && ++seen == kill.nth()) {
                    if (!kill.cliOnly()) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                    }
                    process.destroyForcibly();
                    killed = true;
                    break;
                }
            }
        }
        int exit = process.waitFor();
        if (killed && !kill.cliOnly()) {
            for (ProcessHandle child : process.descendants().toList()) {
                child.onExit().join();
            }
        }
        return new Outcome(lines, exit, killed);
    }
}
