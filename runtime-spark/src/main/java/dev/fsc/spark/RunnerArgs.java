package dev.fsc.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's command line: {@code <manifest.json>... [--master M] [--param N=V]... [--result FILE] [--log FILE] [--conf K=V]...}.
 * Several manifests (e.g. one per day) run in order on one Spark session, stopping at the first that
 * fails; each one's result is then written beside it as {@code <name>.result.json}.
 *
 * @param manifests the job manifests to run, in order
 * @param master Spark master URL; absent: the one spark-submit set (a cluster), else {@code local[*]}
 * @param parameters values that replace the manifests' own for declared parameters (e.g. the day, when one
 *     manifest is deployed once and run every day)
 * @param result where to write the {@link dev.fsc.common.manifest.JobResult} JSON, if anywhere
 * @param log the log file (Spark's and the runner's logs, stack traces); default: beside the manifest
 * @param conf extra Spark properties, applied last (they win over the runner's defaults)
 * @param tables {@code check} or {@code apply}: instead of running the steps, compare the tables they create with the
 *     live ones ({@link TableEvolution}), and with {@code apply} evolve them
 */
record RunnerArgs(List<Path> manifests, Optional<String> master, Map<String, String> parameters, Optional<Path> result, Path log,
                  Map<String, String> conf, Optional<String> tables) {

    static final String USAGE = """
            usage: java -jar fsc-spark-runner.jar <manifest.json>... [options]
              --master URL      Spark master (default: the one spark-submit set, else local[*])
              --param NAME=VAL  value of a parameter the manifest declares; repeatable
              --result FILE     write the run's result as JSON to FILE (one manifest; with several,
                                each result goes beside its manifest as <name>.result.json)
              --log FILE        log file (default: the manifest's path with .log instead of .json)
              --conf KEY=VALUE  extra Spark property; repeatable
              --tables check|apply
                                compare the tables the manifests create with the live ones instead of running
                                them; apply evolves compatible differences in place (exit 1: incompatible)
            exit codes: 0 ok, 1 a step or an error check failed, 2 usage or invalid manifest, 3 internal error""";

    RunnerArgs {
        manifests = List.copyOf(manifests);
        parameters = Map.copyOf(parameters);
        conf = Map.copyOf(conf);
    }

    /** The master Spark runs on: {@code --master}, else spark-submit's {@code spark.master}, else {@code local[*]}. */
    String effectiveMaster() {
        return master.orElse(System.getProperty("spark.master", "local[*]"));
    }

    /** The first manifest (the only one, usually). */
    Path manifest() {
        return manifests.get(0);
    }

    /** Where the result of a manifest goes, if anywhere. */
    Optional<Path> resultOf(Path manifest) {
        if (manifests.size() == 1) {
            return result;
        }
        return Optional.of(manifest.toAbsolutePath().resolveSibling(stem(manifest) + ".result.json"));
    }

    private static String stem(Path manifest) {
        String name = manifest.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** A command-line mistake; the message is shown above the usage text. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static RunnerArgs parse(List<String> args) throws UsageException {
        List<Path> manifests = new java.util.ArrayList<>();
        String master = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        Path result = null;
        Path log = null;
        Map<String, String> conf = new LinkedHashMap<>();
        String tables = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--master" -> master = value(args, ++i, a);
                case "--result" -> result = Path.of(value(args, ++i, a));
                case "--log" -> log = Path.of(value(args, ++i, a));
                case "--conf" -> put(conf, value(args, ++i, a), a);
                case "--param" -> put(parameters, value(args, ++i, a), a);
                case "--tables" -> {
                    tables = value(args, ++i, a);
                    if (!tables.equals("check") && !tables.equals("apply")) {
                        throw new UsageException("--tables is check or apply, not " + tables);
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    manifests.add(Path.of(a));
                }
            }
        }
        if (manifests.isEmpty()) {
            throw new UsageException("missing the manifest file");
        }
        if (result != null && manifests.size() > 1) {
            throw new UsageException("--result takes one manifest; with several, results are written beside them");
        }
        if (log == null) {
            log = manifests.get(0).toAbsolutePath().resolveSibling(stem(manifests.get(0)) + ".log");
        }
        return new RunnerArgs(manifests, Optional.ofNullable(master), parameters, Optional.ofNullable(result), log, conf,
                Optional.ofNullable(tables));
    }

    private static void put(Map<String, String> into, String kv, String option) throws UsageException {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
            throw new UsageException(option + " expects KEY=VALUE, got '" + kv + "'");
        }
        into.put(kv.substring(0, eq), kv.substring(eq + 1));
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
