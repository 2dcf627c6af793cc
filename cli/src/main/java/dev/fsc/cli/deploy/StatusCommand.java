package dev.fsc.cli.deploy;

import dev.fsc.cli.ExitCodes;
import dev.fsc.cli.ProjectOption;
import dev.fsc.cli.run.LocalRuns;
import dev.fsc.cli.run.RunnerJar;
import dev.fsc.compiler.codegen.connect.ConnectorName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fsc status --env E}: what is deployed there, by whom and when, whether its DAG files are in place and how
 * their latest runs went, and the state of its streaming jobs and Debezium connectors.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show what is deployed to an environment (plan, when, by whom) and whether it is as deployed.")
public final class StatusCommand implements Callable<Integer> {
    @CommandLine.Mixin
    private ProjectOption project;

    @Option(names = "--env", paramLabel = "NAME", required = true, description = "environment from fsc.yaml")
    private String environment;

    @Option(names = "--history", description = "also list the earlier deploys, newest first (at most " + HISTORY_SHOWN
            + "): the serials fsc deploy --rollback-to takes")
    private boolean history;

    private static final int HISTORY_SHOWN = 20;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EnvironmentProject loaded = EnvironmentProject.load(project, environment, "status", err);
        if (!loaded.ok()) {
            return loaded.exitCode();
        }
        DeployTarget target = loaded.target();
        StateStore store = target.stateStore();
        Optional<DeployState> state = store.read();
        out.println("environment " + environment + " (state: " + store.location() + ")");
        if (state.isEmpty()) {
            out.println("  nothing deployed yet");
        }
        state.ifPresent(s -> {
            out.println("  plan       " + s.planHash() + " (serial " + s.serial() + ")");
            out.println("  deployed   " + s.deployedAt() + " by " + s.deployedBy() + " with fsc " + s.fscVersion());
            out.println("  artifacts  " + s.artifacts().size() + " generated files");
            EnvironmentTables.describe(s.tables()).forEach(t -> out.println("  table      " + t));
            for (String p : s.artifacts().keySet().stream().filter(p -> p.startsWith("airflow/") && p.endsWith(".py")).toList()) {
                String name = p.substring("airflow/".length());
                out.println("  DAG        " + target.dags().location(name) + (dagPresent(target.dags(), name) ? ""
                        : "  MISSING (run fsc deploy to restore it)"));
            }
        });
        Optional<AirflowRest> airflow = loaded.model().project().environment(environment)
                .flatMap(e -> AirflowRest.of(e.services().get("airflow")));
        if (airflow.isPresent() && state.isPresent()) {
            latestDagRuns(airflow.get(), state.get(), out);
        }
        Optional<FlinkRest> cluster = FlinkJobPlanner.cluster(loaded.model().project(), environment);
        cluster.ifPresent(c -> streamingJobs(c, loaded.model().project().project().value(), out));
        if (cluster.isPresent() && state.isPresent()) {
            servedViews(store, state.get(), loaded.root(), out);
        }
        ConnectorPlanner.cluster(loaded.model().project(), environment).ifPresent(connect -> connectors(connect,
                loaded.model().project().project().value(), out));
        if (history && state.isPresent()) {
            deployHistory(store, state.get().serial(), out);
        }
        store.unfinished().ifPresent(p -> out.println("  unfinished deploy of plan " + p.planHash() + " by " + p.deployedBy()
                + " at " + p.deployedAt() + ": " + p.applied().size() + " actions applied; run fsc deploy to converge"));
        out.flush();
        return ExitCodes.OK;
    }

    /** The documents of the latest deploys: each can be deployed again by its serial. */
    private static void deployHistory(StateStore store, int current, PrintWriter out) throws IOException {
        int oldest = Math.max(1, current - HISTORY_SHOWN + 1);
        for (int serial = current; serial >= oldest; serial--) {
            Optional<DeployState> deploy = store.history(serial);
            out.println("  history    serial " + serial + deploy.map(d -> "  plan " + d.planHash() + "  " + d.deployedAt() + " by "
                    + d.deployedBy() + (d.serial() == current ? "  (current)" : "")).orElse("  (document missing)"));
        }
        if (oldest > 1) {
            out.println("  history    " + (oldest - 1) + " earlier deploys not shown");
        }
    }

    private static boolean dagPresent(DagFolder dags, String name) {
        try {
            return dags.read(name).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** The versions of the online views readers are served, and how far their streams have got. */
    private static void servedViews(StateStore store, DeployState state, Path root, PrintWriter out) throws IOException {
        Map<String, String> manifests = new TreeMap<>();
        for (Map.Entry<String, String> artifact : state.artifacts().entrySet()) {
            if (artifact.getKey().matches("flink/[^/]+\\.job\\.json")) {
                store.artifact(artifact.getValue()).ifPresent(text -> manifests.put(artifact.getKey(), text));
            }
        }
        Optional<String> online = FlinkJobPlanner.onlineStore(root, manifests);
        Optional<Path> jar = RunnerJar.FLINK.find();
        if (online.isEmpty() || jar.isEmpty()) {
            return;
        }
        try {
            Map<String, ServeOnlineViews.ServedVersion> served = ServeOnlineViews.served(jar.get(), new LocalRuns(root).tmp(), online.get());
            out.println("  online     " + online.get() + ": " + served.size() + " views served");
            served.forEach((view, v) -> out.println("  view       " + view + "  version " + v.version() + ", stream at "
                    + v.watermark().map(w -> w == Long.MAX_VALUE ? "end of input" : Instant.ofEpochMilli(w).toString()).orElse("(no progress yet)")));
        } catch (IOException e) {
            out.println("  online     " + online.get() + ": UNREACHABLE (" + e.getMessage() + ")");
        }
    }

    private static String checkpoints(FlinkRest.Checkpoints c) {
        return "checkpoints: " + c.completed() + " completed, " + c.failed() + " failed"
                + c.lastCompletedMillis().map(t -> ", last " + Math.max(0, (System.currentTimeMillis() - t) / 1000) + " s ago").orElse("");
    }

    /** Each deployed DAG's latest run from the Airflow REST API; an unreachable Airflow is said, not fatal. */
    private static void latestDagRuns(AirflowRest airflow, DeployState state, PrintWriter out) {
        List<String> dagIds = state.artifacts().keySet().stream().filter(p -> p.startsWith("airflow/") && p.endsWith(".py"))
                .map(p -> p.substring("airflow/".length(), p.length() - ".py".length())).toList();
        try {
            for (String dagId : dagIds) {
                AirflowRest.DagHistory history = airflow.history(dagId);
                out.println("  DAG run    " + dagId + "  " + (!history.known() ? "NOT IN AIRFLOW (not parsed yet, or it failed to import)"
                        : history.latest().map(r -> r.state() + ", logical date " + r.logicalDate() + r.started().map(t -> ", started " + t).orElse("")
                                + r.ended().map(t -> ", ended " + t).orElse("")).orElse("no runs yet")));
            }
        } catch (IOException e) {
            out.println("  airflow    " + airflow.url() + ": UNREACHABLE (" + e.getMessage() + ")");
        }
    }

    /** The project's Debezium connectors on the Connect cluster and their state; an unreachable cluster is said, not fatal. */
    private static void connectors(KafkaConnectRest connect, String project, PrintWriter out) {
        try {
            List<String> names = connect.connectors().stream().filter(c -> ConnectorName.belongsTo(c, project)).sorted().toList();
            out.println("  connect    " + connect.url() + ": " + names.size() + (names.size() == 1 ? " connector" : " connectors"));
            for (String name : names) {
                out.println("  connector  " + name + "  " + connect.status(name).map(s -> s.state() + ", tasks "
                        + String.join(" ", s.taskStates()) + s.failure().map(f -> "  (" + f + ")").orElse("")).orElse("GONE"));
            }
        } catch (IOException e) {
            out.println("  connect    " + connect.url() + ": UNREACHABLE (" + e.getMessage() + ")");
        }
    }

    /** The project's streaming jobs the cluster knows (running first), from its REST API; an unreachable cluster is said, not fatal. */
    private static void streamingJobs(FlinkRest cluster, String project, PrintWriter out) {
        try {
            List<FlinkRest.Job> jobs = cluster.jobs().stream()
                    .filter(j -> FlinkJobIdentity.parse(j.name()).filter(id -> id.project().equals(project)).isPresent())
                    .sorted(Comparator.comparing((FlinkRest.Job j) -> !j.running()).thenComparing(j -> -j.startMillis())).toList();
            out.println("  flink      " + cluster.url() + ": " + jobs.stream().filter(FlinkRest.Job::running).count() + " running");
            for (FlinkRest.Job j : jobs) {
                out.println("  job        " + j.name() + "  " + j.state() + ", started " + Instant.ofEpochMilli(j.startMillis())
                        + "  (" + j.id() + ")" + (j.running() ? "; " + checkpoints(cluster.checkpoints(j.id())) : ""));
            }
        } catch (IOException e) {
            out.println("  flink      " + cluster.url() + ": UNREACHABLE (" + e.getMessage() + ")");
        }
    }
}
