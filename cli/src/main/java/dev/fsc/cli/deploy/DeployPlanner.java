package dev.fsc.cli.deploy;

import dev.fsc.cli.run.RunnerJar;
import dev.fsc.common.manifest.JobManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions that take an environment from what it has to what the generated files say, in a safe
 * order: artifacts first (everything later points at them), then the Iceberg tables (before anything writes
 * to them with the new schema), then DAG files (the scheduler picks up only complete jobs), removals last. Only actions not yet applied are returned.
 */
public final class DeployPlanner {
    private static final String DAG_FOLDER = "airflow/";

    private DeployPlanner() {
    }

    public static List<DeployAction> pending(StateStore store, DeployTarget target, Optional<DeployState> deployed,
            Map<String, String> files, Optional<EvolveIcebergTables> tables) throws IOException {
        List<DeployAction> all = new ArrayList<>();
        all.add(new StoreArtifacts(store, files));
        tables.ifPresent(all::add);
        files.forEach((path, content) -> {
            if (isDag(path)) {
                all.add(new WriteDagFile(target.dags(), dagName(path), content));
            }
        });
        deployed.ifPresent(state -> state.artifacts().keySet().stream()
                .filter(path -> isDag(path) && !files.containsKey(path))
                .forEach(path -> all.add(new RemoveDagFile(target.dags(), dagName(path)))));
        List<Path> localFolders = new ArrayList<>();
        target.dags().localPath().ifPresent(localFolders::add);
        target.localStateDir().ifPresent(dir -> localFolders.addAll(List.of(dir, dir.resolve("artifacts"))));
        all.add(new RemoveLeftoverTempFiles(localFolders));
        List<DeployAction> pending = new ArrayList<>();
        for (DeployAction action : all) {
            if (!action.isApplied()) {
                pending.add(action);
            }
        }
        return pending;
    }

    /**
     * The action bringing the local warehouse's tables to what the compiled Spark jobs declare.
     *
     * @param newVersions physical names of the tables this deploy moves to a new version
     */
    static Optional<EvolveIcebergTables> tables(Path projectRoot, Map<String, String> files, List<String> newVersions) {
        List<JobManifest> sparkJobs = files.entrySet().stream().filter(f -> f.getKey().matches("spark/[^/]+\\.job\\.json"))
                .map(f -> JobManifest.fromJson(f.getValue())).toList();
        return EvolveIcebergTables.of(RunnerJar.SPARK.find(), projectRoot, sparkJobs, newVersions);
    }

    private static boolean isDag(String path) {
        return path.startsWith(DAG_FOLDER) && path.endsWith(".py");
    }

    private static String dagName(String path) {
        return path.substring(DAG_FOLDER.length());
    }
}
