package dev.fsc.cli.deploy;

import dev.fsc.common.json.Json;
import dev.fsc.compiler.codegen.TableVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is live in one environment: the versioned state document {@code fsc deploy} writes and
 * {@code fsc status} / {@code fsc plan --env} read. {@code serial} grows by one per write, so a writer can
 * tell the document changed under it; {@code complete} is false while a deploy is applying (or after one
 * died), and {@code applied} then lists what it had done — a re-run converges from there.
 *
 * @param serial version of this document (1 = first deploy)
 * @param planHash the plan deployed (when {@code complete}) or being deployed
 * @param fscVersion the fsc that wrote it
 * @param deployedAt ISO-8601 instant of the write
 * @param deployedBy who ran the deploy ({@code user@host})
 * @param complete every action of the deploy was applied
 * @param artifacts every generated file of the deployed plan: relative path to its content hash
 *     (sha-256 hex) in the environment's artifact store, so any earlier state can be restored from it
 * @param applied actions of this deploy that finished, in order (for a record and for resumption)
 * @param tables the version of each Iceberg table the deployed jobs use (logical name to version; tables at
 *     version 1 are not listed): a breaking change to a live table moves it to a new version instead of rewriting
 *     it, and every command that compiles for this environment names the same tables. Restoring an earlier
 *     document restores the names its jobs used (the old tables are never dropped).
 */
public record DeployState(
        int serial,
        String planHash,
        String fscVersion,
        String deployedAt,
        String deployedBy,
        boolean complete,
        Map<String, String> artifacts,
        List<String> applied,
        TableVersions tables) {
    public static final int FORMAT_VERSION = 1;

    public DeployState {
        artifacts = java.util.Collections.unmodifiableMap(new TreeMap<>(artifacts));
        applied = List.copyOf(applied);
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format_version", FORMAT_VERSION);
        json.put("serial", serial);
        json.put("plan_hash", planHash);
        json.put("fsc_version", fscVersion);
        json.put("deployed_at", deployedAt);
        json.put("deployed_by", deployedBy);
        json.put("complete", complete);
        json.put("artifacts", new TreeMap<String, Object>(artifacts));
        json.put("applied", new ArrayList<Object>(applied));
        json.put("table_versions", new TreeMap<String, Object>(tables.versions()));
        return Json.write(json) + "\n";
    }

    public static DeployState fromJson(String text) {
        Map<String, Object> json = Json.parseObject(text);
        Object format = json.get("format_version");
        if (!(format instanceof Number n) || n.intValue() != FORMAT_VERSION) {
            throw new IllegalArgumentException("state format_version " + format + " is not " + FORMAT_VERSION
                    + " (written by another fsc version)");
        }
        Map<String, String> artifacts = new TreeMap<>();
        ((Map<?, ?>) json.get("artifacts")).forEach((path, hash) -> artifacts.put((String) path, (String) hash));
        List<String> applied = new ArrayList<>();
        ((List<?>) json.get("applied")).forEach(a -> applied.add((String) a));
        // absent in documents written before table versions existed: every table at version 1
        Map<String, Integer> versions = new TreeMap<>();
        Object tables = json.getOrDefault("table_versions", Map.of());
        ((Map<?, ?>) tables).forEach((table, version) -> versions.put((String) table, ((Number) version).intValue()));
        return new DeployState(((Number) json.get("serial")).intValue(), (String) json.get("plan_hash"),
                (String) json.get("fsc_version"), (String) json.get("deployed_at"), (String) json.get("deployed_by"),
                (Boolean) json.get("complete"), artifacts, applied, new TableVersions(versions));
    }
}
