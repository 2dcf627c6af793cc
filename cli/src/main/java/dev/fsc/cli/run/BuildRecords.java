package dev.fsc.cli.run;

import dev.fsc.common.json.Json;
import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobResult;
import dev.fsc.common.manifest.JobResult.StepResult;
import dev.fsc.compiler.plan.NodeId;
import dev.fsc.compiler.plan.NodeKind;
import dev.fsc.compiler.plan.Plan;
import dev.fsc.compiler.plan.PlanNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build manifest of each dataset a day published: which specs (plan hash, the dataset's fingerprint)
 * and fsc made it, the snapshot ids of it and of every table of the run, rows written, and the quality
 * results it was published under. One JSON file per dataset and day, {@code .fsc/builds/<dataset>/<day>.json}.
 */
final class BuildRecords {
    private BuildRecords() {
    }

    /** Writes the records of a successful run's datasets, named by its last day; returns the files written. */
    static List<Path> write(Path buildsDir, Plan plan, JobResult result, String day,
            Map<String, String> datasetTables, String fscVersion) throws IOException {
        List<Path> written = new ArrayList<>();
        Map<String, Long> snapshots = new LinkedHashMap<>();
        List<Object> checks = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (StepResult step : result.steps()) {
            snapshots.putAll(step.snapshots());
            step.rowsWritten().forEach((table, n) -> rows.merge(table, n, Long::sum));
            if (step.kind() == JobManifest.Kind.CHECK) {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("check", step.id());
                check.put("status", step.status().toString());
                check.put("failures", new ArrayList<Object>(step.failures()));
                checks.add(check);
            }
        }
        for (Map.Entry<String, String> e : datasetTables.entrySet()) {
            String dataset = e.getKey();
            String table = e.getValue();
            PlanNode node = plan.node(new NodeId(NodeKind.DATASET, dataset)).orElseThrow();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("dataset", dataset);
            record.put("day", day);
            record.put("table", table);
            record.put("tag", "build-" + day);
            record.put("snapshot_id", snapshots.getOrDefault(table, 0L));
            record.put("rows_written", rows.getOrDefault(table, 0L));
            record.put("plan_hash", plan.planHash());
            record.put("dataset_fingerprint", node.fingerprint());
            record.put("fsc_version", fscVersion);
            Map<String, Object> inputs = new LinkedHashMap<>();
            snapshots.forEach((t, id) -> {
                if (!t.equals(table)) {
                    inputs.put(t, id);
                }
            });
            record.put("input_snapshots", inputs);
            record.put("quality", checks);
            Path file = buildsDir.resolve(dataset).resolve(day + ".json");
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.write(record) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(file);
        }
        return written;
    }
}
