package dev.fsc.flink.runner;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.flink.functions.FscDedup;
import dev.fsc.flink.functions.FscHll;
import dev.fsc.flink.functions.FscHllEstimate;
import dev.fsc.flink.functions.FscHllMerge;
import dev.fsc.flink.functions.FscLast;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.PlanReference;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one streaming job manifest (Contract §1–3): catalog, functions, DDL in step order, then every
 * INSERT of every step as ONE statement set — one Flink job, compiled to a plan in which each tile
 * aggregate's state gets its TTL ({@link TileStateTtls}) — with exactly-once checkpoints and an
 * explicit restart strategy. Blocks until the job ends (bounded sources) or is stopped.
 */
final class JobRunner {
    private final RunArgs args;
    private final PrintStream out;

    JobRunner(RunArgs args, PrintStream out) {
        this.args = args;
        this.out = out;
    }

    /**
     * Outcome of a run, for the result file.
     *
     * @param startCpuSeconds CPU time this process had used when the job was submitted (planning, cluster start)
     */
    record Outcome(String jobId, double startSeconds, double startCpuSeconds, Map<String, Long> rowsAdded) {
    }

    Outcome run(JobManifest given) throws Exception {
        JobManifest manifest = withParams(given, args.params());
        Path folder = args.manifest().toAbsolutePath().getParent();
        long start = System.currentTimeMillis();
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode()
                .withConfiguration(configuration(manifest, folder)).build());
        registerFunctions(env);
        IcebergCatalogs catalogs = new IcebergCatalogs(manifest.catalog(), folder);
        env.executeSql(catalogs.createStatement());
        env.executeSql("USE CATALOG `" + manifest.catalog().name() + "`");
        List<String> inserts = new ArrayList<>();
        TileStateTtls tileStateTtls = new TileStateTtls();
        createNamespaces(env, manifest);
        for (JobManifest.Step step : manifest.executionOrder()) {
            for (String sql : manifest.resolvedSql(step)) {
                java.util.Optional<String[]> view = Statements.temporaryView(sql);
                java.util.Optional<String[]> option = Statements.setOption(sql);
                if (Statements.isInsert(sql)) {
                    inserts.add(sql);
                } else if (option.isPresent() && TileStateTtls.isTileStateTtl(option.get()[0])) {
                    tileStateTtls.set(option.get()[0], option.get()[1]);
                } else if (option.isPresent()) {
                    // executeSql rejects SET outside the SQL client: applied to the session's config instead.
                    env.getConfig().set(option.get()[0], option.get()[1]);
                } else if (view.isPresent()) {
                    // Registered as a planned Table, not as SQL text: Flink 2.1 cannot re-parse the
                    // expanded text of a view that calls a process table function (TABLE t PARTITION BY).
                    env.createTemporaryView(view.get()[0], env.sqlQuery(view.get()[1]));
                } else {
                    env.executeSql(sql);
                }
            }
            out.println("fsc-flink: step " + step.id() + " prepared");
        }
        if (inserts.isEmpty()) {
            throw new IllegalStateException("job " + manifest.job() + " has no INSERT INTO statement: nothing to run");
        }
        StatementSet set = env.createStatementSet();
        inserts.forEach(set::addInsertSql);
        // Run as a compiled plan: the one place Flink lets each aggregate's state carry its own TTL.
        String plan = tileStateTtls.applyTo(set.compilePlan().asJsonString());
        TableResult result = env.loadPlan(PlanReference.fromJsonString(plan)).execute();
        JobID id = result.getJobClient().orElseThrow().getJobID();
        double startSeconds = (System.currentTimeMillis() - start) / 1000.0;
        double startCpuSeconds = ProcessCpu.seconds();
        out.println("fsc-flink: job " + id + " running (" + inserts.size() + " inserts, checkpoints in "
                + checkpointDir(manifest, folder) + ")");
        out.flush();
        if (args.detached()) {
            return new Outcome(id.toHexString(), startSeconds, startCpuSeconds, Map.of());
        }
        result.await();
        out.println("fsc-flink: job " + id + " finished");
        return new Outcome(id.toHexString(), startSeconds, startCpuSeconds, catalogs.rowsAddedSince(Statements.icebergTargets(inserts), start));
    }

    static void registerFunctions(TableEnvironment env) {
        env.createTemporarySystemFunction("FSC_LAST", FscLast.class);
        env.createTemporarySystemFunction("FSC_HLL", FscHll.class);
        env.createTemporarySystemFunction("FSC_HLL_MERGE", FscHllMerge.class);
        env.createTemporarySystemFunction("FSC_HLL_ESTIMATE", FscHllEstimate.class);
        env.createTemporarySystemFunction("FSC_DEDUP", FscDedup.class);
    }

    /** Iceberg namespaces the steps create tables in (bronze, silver, gold), made before the first step. */
    private static void createNamespaces(TableEnvironment env, JobManifest manifest) {
        Set<String> namespaces = new LinkedHashSet<>();
        for (JobManifest.Step step : manifest.steps()) {
            for (String sql : step.sql()) {
                Statements.createdNamespace(sql).ifPresent(namespaces::add);
            }
        }
        namespaces.forEach(ns -> env.executeSql("CREATE DATABASE IF NOT EXISTS `" + ns + "`"));
    }

    private Configuration configuration(JobManifest manifest, Path folder) {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", Integer.toString(args.parallelism()));
        conf.setString("pipeline.name", args.jobName().orElse(manifest.job()));
        // Event times are UTC everywhere (batch-semantics); casts between TIMESTAMP and TIMESTAMP_LTZ must agree.
        conf.setString("table.local-time-zone", "UTC");
        // Stable operator uids for every transformation, so a restarted job maps its checkpointed state.
        conf.setString("table.exec.uid.generation", "ALWAYS");
        // The compiled plan names catalog tables only, so loading it reads them from the catalog: the Iceberg
        // catalog gives a primary key a new constraint name on every read, which a schema kept in the plan
        // would fail to match ("does not match the schema loaded from the catalog").
        conf.setString("table.plan.compile.catalog-objects", "IDENTIFIER");
        // Chained operators hand each record on as it is instead of a copy per operator (a profile of bench/stream:
        // RowDataSerializer.copy ~6% of the task threads' time). The SQL operators and fsc's sinks do not keep a
        // record they are handed: the online sink encodes it at once, Iceberg's writer copies the keys it keeps.
        conf.setString("pipeline.object-reuse", "true");
        conf.setString("execution.checkpointing.interval", args.checkpointMillis() + " ms");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString("execution.checkpointing.dir", checkpointDir(manifest, folder).toUri().toString());
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.setString("execution.checkpointing.num-retained", "3");
        conf.setString("state.backend.type", args.stateBackend().flinkName());
        if (args.stateBackend() == RunArgs.StateBackend.ROCKSDB) {
            // a checkpoint uploads only the RocksDB files written since the last one, not the whole state
            conf.setString("execution.checkpointing.incremental", "true");
        }
        // With checkpointing on, Flink would otherwise restart forever (STACK.md).
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "2 s");
        restorePath(manifest, folder).ifPresent(p -> {
            conf.setString("execution.state-recovery.path", p.toUri().toString());
            out.println("fsc-flink: restoring from " + p);
        });
        args.jobManager().ifPresent(url -> RemoteCluster.configure(conf, url));
        return conf;
    }

    private java.util.Optional<Path> restorePath(JobManifest manifest, Path folder) {
        if (args.restoreFrom().isPresent()) {
            return args.restoreFrom();
        }
        return args.resume() ? Checkpoints.latest(checkpointDir(manifest, folder)) : java.util.Optional.empty();
    }

    private Path checkpointDir(JobManifest manifest, Path folder) {
        return args.checkpointDir().map(Path::toAbsolutePath)
                .orElse(folder.resolve(".checkpoints").resolve(manifest.job()));
    }

    static JobManifest withParams(JobManifest m, Map<String, String> overrides) {
        Map<String, String> params = new LinkedHashMap<>(m.parameters());
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!params.containsKey(e.getKey())) {
                throw new dev.fsc.common.manifest.ManifestException("--param " + e.getKey() + ": the manifest declares no such parameter "
                        + "(it has " + params.keySet() + ")");
            }
            params.put(e.getKey(), e.getValue());
        }
        return new JobManifest(m.formatVersion(), m.project(), m.job(), m.planHash(), m.fscVersion(), m.catalog(),
                params, m.branch(), m.steps());
    }
}
