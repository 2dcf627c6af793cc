package dev.fsc.flink.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run <job.json> [options]}.
 *
 * @param manifest the streaming job manifest
 * @param params {@code --param k=v} overrides of the manifest's parameters
 * @param checkpointDir where checkpoints go (default: {@code <manifest folder>/.checkpoints/<job>})
 * @param checkpointMillis checkpoint interval
 * @param restoreFrom a checkpoint or savepoint folder to start from
 * @param resume start from the newest complete checkpoint under {@code checkpointDir}, if any
 * @param jobManager REST URL of a cluster to submit to (absent = local MiniCluster)
 * @param parallelism default parallelism
 * @param result where to write the result JSON
 * @param log the log file
 * @param jobName the Flink job's name (default: the manifest's job)
 * @param detached return once the job is submitted instead of waiting for it to end
 * @param stateBackend where the job keeps its state between checkpoints
 */
record RunArgs(Path manifest, Map<String, String> params, Optional<Path> checkpointDir, long checkpointMillis,
               Optional<Path> restoreFrom, boolean resume, Optional<String> jobManager, int parallelism,
               Optional<Path> result, Optional<Path> log, Optional<String> jobName, boolean detached, StateBackend stateBackend) {

    /** Flink's state backends: on the JVM heap, or in RocksDB on local disk (state larger than memory). */
    enum StateBackend {
        HASHMAP, ROCKSDB;

        static StateBackend parse(String name) throws UsageException {
            for (StateBackend b : values()) {
                if (b.flinkName().equals(name)) {
                    return b;
                }
            }
            throw new UsageException("--state-backend is hashmap or rocksdb, got " + name);
        }

        /** The value of Flink's {@code state.backend.type}. */
        String flinkName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final String USAGE = """
            usage: java -jar fsc-flink-runner.jar run <job.json> [options]
              --param NAME=VALUE        override a manifest parameter (repeatable)
              --checkpoint-dir DIR      checkpoint folder (default <manifest folder>/.checkpoints/<job>)
              --checkpoint-interval D   checkpoint interval (default 5s; e.g. 500ms, 10s)
              --savepoint PATH          start from this checkpoint or savepoint
              --resume                  start from the newest complete checkpoint in the checkpoint folder
              --jobmanager URL          submit to this cluster's REST endpoint instead of a local MiniCluster
              --parallelism N           default parallelism (default 2)
              --result FILE             write the run's result as JSON
              --log FILE                log file (default <manifest>.log)
              --job-name NAME           the Flink job's name (default: the manifest's job)
              --detached                return once the job is submitted (with --jobmanager)
              --state-backend NAME      hashmap (default: state on the heap) or rocksdb (on local disk, incremental checkpoints)
            exit codes: 0 ok, 1 the job failed, 2 usage or invalid manifest, 3 internal error""";

    RunArgs {
        params = Map.copyOf(params);
    }

    static RunArgs parse(List<String> args) throws UsageException {
        Path manifest = null;
        Map<String, String> params = new LinkedHashMap<>();
        Optional<Path> checkpointDir = Optional.empty();
        long interval = 5_000;
        Optional<Path> restore = Optional.empty();
        boolean resume = false;
        Optional<String> jobManager = Optional.empty();
        int parallelism = 2;
        Optional<Path> result = Optional.empty();
        Optional<Path> log = Optional.empty();
        Optional<String> jobName = Optional.empty();
        boolean detached = false;
        StateBackend stateBackend = StateBackend.HASHMAP;
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--param" -> {
                    String kv = value(rest, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--param expects NAME=VALUE, got " + kv);
                    }
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--checkpoint-dir" -> checkpointDir = Optional.of(Path.of(value(rest, a)));
                case "--checkpoint-interval" -> interval = dev.fsc.flink.online.Durations.millis(value(rest, a));
                case "--savepoint" -> restore = Optional.of(Path.of(value(rest, a)));
                case "--resume" -> resume = true;
                case "--jobmanager" -> jobManager = Optional.of(value(rest, a));
                case "--parallelism" -> parallelism = Integer.parseInt(value(rest, a));
                case "--result" -> result = Optional.of(Path.of(value(rest, a)));
                case "--log" -> log = Optional.of(Path.of(value(rest, a)));
                case "--job-name" -> jobName = Optional.of(value(rest, a));
                case "--detached" -> detached = true;
                case "--state-backend" -> stateBackend = StateBackend.parse(value(rest, a));
                default -> {
                    if (a.startsWith("--") || manifest != null) {
                        throw new UsageException("unexpected argument " + a);
                    }
                    manifest = Path.of(a);
                }
            }
        }
        if (manifest == null) {
            throw new UsageException("missing the job manifest");
        }
        if (detached && jobManager.isEmpty()) {
            throw new UsageException("--detached needs --jobmanager: a local MiniCluster ends with the runner");
        }
        return new RunArgs(manifest, params, checkpointDir, interval, restore, resume, jobManager, parallelism, result, log,
                jobName, detached, stateBackend);
    }

    static String value(List<String> rest, String option) throws UsageException {
        if (rest.isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        return rest.remove(0);
    }

    /** A command-line mistake; shown above the usage text, exit code 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
