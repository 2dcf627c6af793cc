package dev.fsc.spark;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.common.manifest.JobResult.Status;
import dev.fsc.common.manifest.JobResult.StepResult;
import dev.fsc.common.manifest.ManifestException;
import dev.fsc.common.manifest.SparkJvm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.spark.sql.SparkSession;

/**
 * Entry point of {@code fsc-spark-runner.jar}: runs job manifests on Spark, in order on one session, and exits with
 * 0 (ok), 1 (a step or an error check failed), 2 (usage, invalid manifest) or 3 (internal error).
 *
 * <p>Standard output carries only the runner's own lines (a header, one line per step, errors
 * without stack traces); Spark's logging and every stack trace go to the log file.
 */
public final class SparkRunner {
    static final String LOG_CONFIG = "fsc-spark-runner-log4j2.properties";

    private SparkRunner() {
    }

    public static void main(String[] argv) {
        int code;
        try {
            code = run(List.of(argv), System.out);
        } catch (Throwable t) { // last resort: never a trace on stdout
            System.out.println("internal error: " + t);
            t.printStackTrace();
            code = JobResult.EXIT_INTERNAL;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(List<String> argv, PrintStream out) {
        long t0 = System.nanoTime();
        RunnerArgs args;
        try {
            args = RunnerArgs.parse(argv);
        } catch (RunnerArgs.UsageException e) {
            out.println("error: " + e.getMessage());
            out.println(RunnerArgs.USAGE);
            return JobResult.EXIT_USAGE;
        }
        if (!Object.class.getModule().isOpen("java.nio", SparkRunner.class.getModule())) {
            out.println("error: this JVM lacks the module options Spark needs. Run `java -jar "
                    + SparkJvm.JAR_NAME + " ...` (the jar's manifest carries them) or pass: "
                    + String.join(" ", SparkJvm.OPTIONS));
            return JobResult.EXIT_USAGE;
        }
        configureLogging(args.log());

        List<JobManifest> manifests = new java.util.ArrayList<>();
        for (Path path : args.manifests()) {
            try {
                manifests.add(withParameters(JobManifest.fromJson(Files.readString(path, StandardCharsets.UTF_8)), args.parameters()));
            } catch (NoSuchFileException e) {
                return invalid(args, path, out, "no such manifest file: " + path, t0);
            } catch (IOException e) {
                return invalid(args, path, out, "cannot read " + path + ": " + e, t0);
            } catch (ManifestException e) {
                return invalid(args, path, out, "invalid manifest " + path + ": " + e.getMessage(), t0);
            }
        }
        JobManifest first = manifests.get(0);
        for (int i = 1; i < manifests.size(); i++) {
            if (!manifests.get(i).catalog().equals(first.catalog()) || !manifests.get(i).project().equals(first.project())) {
                return invalid(args, args.manifests().get(i), out, "manifests run together must share project and catalog", t0);
            }
        }
        String missing = SessionConfig.missingCatalogClass(first.catalog().type());
        if (missing != null) {
            return invalid(args, args.manifest(), out, "a " + first.catalog().type() + " catalog needs " + missing
                    + " on the classpath (iceberg-aws-bundle; EMR provides it). This jar does not bundle it.", t0);
        }

        Path manifestDir = args.manifest().toAbsolutePath().getParent();
        Map<String, String> conf = new LinkedHashMap<>(SessionConfig.of(first, manifestDir, args.effectiveMaster(), args.conf()));
        if (args.tables().isPresent()) {
            try {
                conf.putAll(TableEvolution.scratchCatalog(Files.createTempDirectory("fsc-declared-tables")));
            } catch (IOException e) {
                return internal(args, args.manifest(), first, out, "no scratch folder for the declared tables", e, 0, t0, List.of());
            }
        }
        long s0 = System.nanoTime();
        SparkSession spark;
        try {
            SparkSession.Builder builder = SparkSession.builder();
            conf.forEach(builder::config);
            spark = builder.getOrCreate();
        } catch (Throwable t) {
            return internal(args, args.manifest(), first, out, "Spark did not start", t, 0, t0, List.of());
        }
        double startSeconds = seconds(s0);
        out.println("spark " + spark.version() + " on " + args.effectiveMaster() + " started in " + Report.seconds(startSeconds)
                + "; log: " + args.log());
        out.flush();
        if (args.tables().isPresent()) {
            int code = tables(spark, first, manifests, args.tables().get().equals("apply"), out, args, t0);
            stopQuietly(spark);
            return code;
        }
        int code = JobResult.EXIT_OK;
        for (int i = 0; i < manifests.size() && code == JobResult.EXIT_OK; i++) {
            code = runJob(spark, args, args.manifests().get(i), manifests.get(i), out, i == 0 ? startSeconds : 0);
        }
        stopQuietly(spark);
        return code;
    }

    /**
     * {@code --tables}: one line per table that differs, then {@code tables: up to date}, {@code tables: N to evolve}
     * or {@code tables: refused}; exit 1 (and nothing changed) when a difference cannot be applied in place.
     */
    private static int tables(SparkSession spark, JobManifest first, List<JobManifest> manifests, boolean apply, PrintStream out,
            RunnerArgs args, long t0) {
        try {
            TableEvolution evolution = new TableEvolution(spark, first.catalog().name());
            List<TableEvolution.TablePlan> plans = evolution.plan(manifests);
            List<TableEvolution.TablePlan> differing = plans.stream().filter(p -> p.changes() || !p.incompatible().isEmpty()).toList();
            differing.forEach(p -> out.println("table " + p.table() + ": " + TableEvolution.describe(p)));
            if (differing.stream().anyMatch(p -> !p.incompatible().isEmpty())) {
                out.println("tables: refused: the live tables are left as they are; a change that is not compatible in place needs"
                        + " a table of its own (fsc deploy moves such a table to a new version)");
                return JobResult.EXIT_FAILED;
            }
            if (apply) {
                evolution.apply(differing, out);
            }
            out.println(differing.isEmpty() ? "tables: up to date" : "tables: " + differing.size() + (apply ? " evolved" : " to evolve"));
            return JobResult.EXIT_OK;
        } catch (Exception e) {
            return internal(args, args.manifest(), first, out, "comparing the tables failed", e, 0, t0, List.of());
        }
    }

    /** Runs one manifest on the live session and writes its result; returns its exit code. */
    private static int runJob(SparkSession spark, RunnerArgs args, Path path, JobManifest manifest, PrintStream out,
            double startSeconds) {
        long t0 = System.nanoTime();
        out.println("fsc spark runner: " + manifest.project() + "/" + manifest.job() + " (plan " + manifest.planHash() + ")"
                + manifest.parameters().entrySet().stream().filter(e -> !e.getKey().startsWith("input_"))
                        .map(e -> ", " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining())
                + manifest.branch().map(b -> ", branch " + b).orElse(""));
        out.flush();
        JobRunner runner = new JobRunner(spark, manifest, out);
        JobRunner.Outcome outcome;
        try {
            outcome = runner.run();
        } catch (Throwable t) {
            return internal(args, path, manifest, out, "runner failed", t, startSeconds, t0, List.of());
        }
        runner.notes().forEach(n -> out.println("note: " + n));

        Status status = outcome.failure().isPresent() ? Status.FAILED : Status.OK;
        Optional<String> message = outcome.failure().map(f -> manifest.branch().isPresent() && !published(outcome.steps())
                ? f + "; nothing was published: main is unchanged, the work so far is on branch " + manifest.branch().get() : f);
        double total = seconds(t0) + startSeconds;
        out.println(status == Status.OK
                ? "ok: " + Report.count(outcome.steps().size(), "step") + " in " + Report.seconds(total)
                : "FAILED: " + message.get());
        JobResult result = new JobResult(JobResult.FORMAT_VERSION, manifest.project(), manifest.job(), manifest.planHash(),
                status, JobResult.exitCodeOf(status), message, round(startSeconds), round(total), outcome.steps());
        return writeResult(args.resultOf(path), result, out);
    }

    /**
     * The manifest with {@code --param} values in place of its own; a parameter it does not declare is refused, so a
     * misspelt name cannot leave a day unset.
     */
    static JobManifest withParameters(JobManifest manifest, Map<String, String> values) {
        if (values.isEmpty()) {
            return manifest;
        }
        Map<String, String> parameters = new java.util.TreeMap<>(manifest.parameters());
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!parameters.containsKey(e.getKey())) {
                throw new ManifestException("--param " + e.getKey() + ": the manifest declares no such parameter (it has "
                        + String.join(", ", parameters.keySet()) + ")");
            }
            parameters.put(e.getKey(), e.getValue());
        }
        return new JobManifest(manifest.formatVersion(), manifest.project(), manifest.job(), manifest.planHash(),
                manifest.fscVersion(), manifest.catalog(), parameters, manifest.branch(), manifest.steps());
    }

    private static boolean published(List<StepResult> steps) {
        return steps.stream().anyMatch(s -> s.kind() == JobManifest.Kind.PUBLISH && !s.snapshots().isEmpty());
    }

    /** Logging goes to the log file only; set before any Spark or log4j class is touched. */
    static void configureLogging(Path log) {
        try {
            Path parent = log.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            // log4j reports it on stderr; the run itself can go on
        }
        System.setProperty("fsc.runner.log", log.toAbsolutePath().toString());
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:" + LOG_CONFIG);
        }
        // What Spark's launcher would pass as -D (SparkJvm.OPTIONS), for a bare `java -jar`.
        for (String option : SparkJvm.OPTIONS) {
            if (option.startsWith("-D") && option.contains("=")) {
                String key = option.substring(2, option.indexOf('='));
                if (System.getProperty(key) == null) {
                    System.setProperty(key, option.substring(option.indexOf('=') + 1));
                }
            }
        }
    }

    private static int invalid(RunnerArgs args, Path path, PrintStream out, String message, long t0) {
        out.println("error: " + message);
        JobResult result = new JobResult(JobResult.FORMAT_VERSION, "", "", "", Status.INVALID, JobResult.EXIT_USAGE,
                Optional.of(message), 0, round(seconds(t0)), List.of());
        return writeResult(args.resultOf(path), result, out);
    }

    private static int internal(RunnerArgs args, Path path, JobManifest manifest, PrintStream out, String what, Throwable t,
            double startSeconds, long t0, List<StepResult> steps) {
        org.slf4j.LoggerFactory.getLogger(SparkRunner.class).error("internal error: {}", what, t);
        String message = what + ": " + SparkErrors.clean(String.valueOf(t)).lines().findFirst().orElse("");
        out.println();
        out.println("internal error: " + message + " (full trace in " + args.log() + ")");
        JobResult result = new JobResult(JobResult.FORMAT_VERSION, manifest.project(), manifest.job(), manifest.planHash(),
                Status.ERROR, JobResult.EXIT_INTERNAL, Optional.of(message), startSeconds, round(seconds(t0)), steps);
        return writeResult(args.resultOf(path), result, out);
    }

    private static int writeResult(Optional<Path> resultFile, JobResult result, PrintStream out) {
        if (resultFile.isPresent()) {
            Path path = resultFile.get().toAbsolutePath();
            try {
                Files.createDirectories(path.getParent());
                Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
                Files.writeString(tmp, result.toJson(), StandardCharsets.UTF_8);
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                out.println("internal error: cannot write the result file " + path + ": " + e);
                return JobResult.EXIT_INTERNAL;
            }
        }
        return result.exitCode();
    }

    private static void stopQuietly(SparkSession spark) {
        try {
            spark.stop();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SparkRunner.class).warn("stopping Spark failed", e);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
