package dev.fsc.flink.runner;

import dev.fsc.common.manifest.JobResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code cluster}: a session Flink cluster (a MiniCluster with its REST endpoint) in this JVM, for
 * environments without a real one (local deploys, tests). Prints {@code fsc-flink: cluster rest URL} once
 * jobs can be submitted, then serves until the process is stopped.
 */
final class ClusterCommand {
    static final String USAGE = """
            usage: java -jar fsc-flink-runner.jar cluster [--port N] [--slots N] [--log FILE]
              --port N     REST port (default 0: any free port)
              --slots N    task slots (default 4)
              --log FILE   log file (default fsc-flink-cluster.log)""";

    private ClusterCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        String port = "0";
        int slots = 4;
        Path log = Path.of("fsc-flink-cluster.log");
        List<String> rest = new ArrayList<>(argv);
        try {
            while (!rest.isEmpty()) {
                String a = rest.remove(0);
                switch (a) {
                    case "--port" -> port = Integer.toString(Integer.parseInt(RunArgs.value(rest, a)));
                    case "--slots" -> slots = Integer.parseInt(RunArgs.value(rest, a));
                    case "--log" -> log = Path.of(RunArgs.value(rest, a));
                    default -> throw new RunArgs.UsageException("unexpected argument " + a);
                }
            }
        } catch (RunArgs.UsageException | NumberFormatException e) {
            err.println("error: " + e.getMessage() + "\n" + USAGE);
            return JobResult.EXIT_USAGE;
        }
        System.setProperty("fsc.runner.log", log.toAbsolutePath().toString());
        System.setProperty("log4j2.configurationFile", "classpath:" + FlinkRunner.LOG_CONFIG);
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, port);
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        // Jobs are submitted with this same jar: child-first loading would load its Kafka connector twice
        // (the cluster's copy and the job's), and the two copies' classes do not cast to each other.
        conf.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
        try {
            MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
            cluster.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.closeAsync().join()));
            out.println("fsc-flink: cluster rest " + cluster.getRestAddress().get());
            out.flush();
            new CountDownLatch(1).await();
            return JobResult.EXIT_OK;
        } catch (Exception e) {
            err.println("error: the cluster did not start: " + e.getMessage());
            return JobResult.EXIT_FAILED;
        }
    }
}
