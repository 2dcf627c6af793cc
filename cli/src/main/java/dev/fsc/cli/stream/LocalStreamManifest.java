package dev.fsc.cli.stream;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.compiler.codegen.flink.FlinkCodegen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compiled streaming job made runnable on this machine: local input paths made absolute (from the project
 * root), the Iceberg catalog in the given warehouse, the embedded online store under the project's
 * {@code .fsc/}, and the user's {@code --param} overrides last.
 */
public final class LocalStreamManifest {
    private LocalStreamManifest() {
    }

    public static Path write(JobManifest compiled, Path project, Path warehouse, Path onlineDir, Map<String, String> overrides, Path runDir)
            throws IOException {
        Files.createDirectories(runDir);
        Map<String, String> parameters = new TreeMap<>(compiled.parameters());
        compiled.parameters().forEach((name, value) -> {
            if (name.startsWith("input_")) {
                parameters.put(name, project.resolve(value).toAbsolutePath().normalize().toString());
            }
        });
        if (parameters.containsKey(FlinkCodegen.ONLINE_STORE)) {
            parameters.put(FlinkCodegen.ONLINE_STORE, onlineStore(compiled, onlineDir));
        }
        parameters.putAll(overrides);
        JobManifest manifest = new JobManifest(compiled.formatVersion(), compiled.project(), compiled.job(),
                compiled.planHash(), compiled.fscVersion(),
                JobManifest.CatalogConfig.hadoop(warehouse.toAbsolutePath().normalize().toString()),
                parameters, compiled.branch(), compiled.steps());
        Path file = runDir.resolve(compiled.job() + ".job.json");
        Files.writeString(file, manifest.toJson(), StandardCharsets.UTF_8);
        return file;
    }

    /** The online store a compiled job writes to on this machine: the environment's, else the embedded one in {@code onlineDir}. */
    public static String onlineStore(JobManifest compiled, Path onlineDir) {
        String store = compiled.parameters().getOrDefault(FlinkCodegen.ONLINE_STORE, FlinkCodegen.EMBEDDED_STORE);
        return FlinkCodegen.EMBEDDED_STORE.equals(store) ? "embedded:" + onlineDir.toAbsolutePath().normalize() : store;
    }
}
