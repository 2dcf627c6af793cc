package dev.fsc.flink.runner;

import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.common.manifest.ManifestException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Entry point of {@code fsc-flink-runner.jar}: {@code run <job.json> ...}, {@code read ...}, {@code served ...} or
 * {@code cluster ...}.
 */
public final class FlinkRunner {
    static final String LOG_CONFIG = "fsc-flink-runner-log4j2.properties";

    private FlinkRunner() {
    }

    public static void main(String[] argv) {
        System.exit(execute(Arrays.asList(argv), System.out, System.err));
    }

    static int execute(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || !List.of("run", "read", "served", "cluster").contains(argv.get(0))) {
            err.println(RunArgs.USAGE + "\n" + ReadCommand.USAGE + "\n" + ServedCommand.USAGE + "\n" + ClusterCommand.USAGE);
            return JobResult.EXIT_USAGE;
        }
        List<String> rest = argv.subList(1, argv.size());
        if (argv.get(0).equals("cluster")) {
            return ClusterCommand.run(rest, out, err);
        }
        if (argv.get(0).equals("read")) {
            return storeCommand(() -> {
                ReadCommand.run(rest, out);
                return JobResult.EXIT_OK;
            }, ReadCommand.USAGE, err);
        }
        if (argv.get(0).equals("served")) {
            return storeCommand(() -> ServedCommand.run(rest, out, err), ServedCommand.USAGE, err);
        }
        RunArgs args;
        try {
            args = RunArgs.parse(rest);
        } catch (RunArgs.UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n" + RunArgs.USAGE);
            return JobResult.EXIT_USAGE;
        }
        return run(args, out, err);
    }

    /** A command on the online store: its exit code; usage errors with the usage, other failures as one line. */
    private static int storeCommand(Callable<Integer> command, String usage, PrintStream err) {
        try {
            return command.call();
        } catch (RunArgs.UsageException | NumberFormatException e) {
            err.println("error: " + e.getMessage() + "\n" + usage);
            return JobResult.EXIT_USAGE;
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return JobResult.EXIT_FAILED;
        }
    }

    private static int run(RunArgs args, PrintStream out, PrintStream err) {
        Path log = args.log().orElse(Path.of(args.manifest().toString().replaceAll("\\.json$", "") + ".log"));
        configureLogging(log);
        long start = System.currentTimeMillis();
        Map<String, Object> result = new LinkedHashMap<>();
        int exit;
        JobManifest manifest = null;
        try {
            manifest = JobManifest.fromJson(Files.readString(args.manifest()));
            result.put("job", manifest.job());
            JobRunner.Outcome o = new JobRunner(args, out).run(manifest);
            result.put("jobId", o.jobId());
            result.put("startSeconds", o.startSeconds());
            result.put("startCpuSeconds", o.startCpuSeconds());
            result.put("tables", new LinkedHashMap<String, Object>(o.rowsAdded()));
            exit = JobResult.EXIT_OK;
        } catch (ManifestException e) {
            err.println("error: " + args.manifest() + ": " + e.getMessage());
            result.put("message", e.getMessage());
            exit = JobResult.EXIT_USAGE;
        } catch (Exception e) {
            String message = rootMessage(e);
            err.println("error: job " + (manifest == null ? args.manifest() : manifest.job()) + " failed: " + message
                    + " (details in " + log + ")");
            org.slf4j.LoggerFactory.getLogger(FlinkRunner.class).error("job failed", e);
            result.put("message", message);
            exit = JobResult.EXIT_FAILED;
        }
        result.put("status", exit == JobResult.EXIT_OK ? "ok" : exit == JobResult.EXIT_USAGE ? "invalid" : "failed");
        result.put("exitCode", (long) exit);
        result.put("seconds", (System.currentTimeMillis() - start) / 1000.0);
        result.put("cpuSeconds", ProcessCpu.seconds());
        writeResult(args.result(), result, err);
        return exit;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
    }

    private static void writeResult(Optional<Path> file, Map<String, Object> result, PrintStream err) {
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.writeString(file.get(), Json.write(result) + "\n");
        } catch (java.io.IOException e) {
            err.println("error: cannot write the result to " + file.get() + ": " + e.getMessage());
        }
    }

    /** Logging goes to the log file only; set before any Flink or log4j class is touched. */
    private static void configureLogging(Path log) {
        System.setProperty("fsc.runner.log", log.toAbsolutePath().toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:" + LOG_CONFIG);
        }
    }
}
