package dev.fsc.flink.runner;

import dev.fsc.common.manifest.JobManifest;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The manifest's Iceberg catalog: its Flink DDL, and (after a run) the rows the job committed. */
final class IcebergCatalogs {
    private final JobManifest.CatalogConfig config;
    private final Map<String, String> properties;

    IcebergCatalogs(JobManifest.CatalogConfig config, Path manifestFolder) {
        this.config = config;
        Map<String, String> p = new TreeMap<>();
        switch (config.type()) {
            case HADOOP -> p.put("catalog-type", "hadoop");
            case REST -> p.put("catalog-type", "rest");
            case GLUE -> {
                p.put("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
                p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
            }
        }
        config.warehouse().ifPresent(w -> p.put("warehouse", resolve(w, manifestFolder)));
        p.putAll(config.options());
        this.properties = p;
    }

    /** A relative local warehouse is relative to the manifest's folder (as for the Spark runner). */
    private static String resolve(String warehouse, Path folder) {
        if (warehouse.contains("://") || Path.of(warehouse).isAbsolute()) {
            return warehouse;
        }
        return folder.resolve(warehouse).normalize().toString();
    }

    String createStatement() {
        String options = properties.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' = '" + e.getValue().replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
        return "CREATE CATALOG `" + config.name() + "` WITH ('type' = 'iceberg', " + options + ")";
    }

    /** Rows added to each table by snapshots committed at or after {@code sinceMillis}. */
    Map<String, Long> rowsAddedSince(Set<String> tables, long sinceMillis) {
        Map<String, Long> out = new LinkedHashMap<>();
        Catalog catalog = loader().loadCatalog();
        for (String name : tables) {
            Table table = catalog.loadTable(TableIdentifier.parse(name));
            long rows = 0;
            for (Snapshot s : table.snapshots()) {
                if (s.timestampMillis() >= sinceMillis) {
                    rows += Long.parseLong(s.summary().getOrDefault("added-records", "0"));
                }
            }
            out.put(name, rows);
        }
        return out;
    }

    private CatalogLoader loader() {
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        return switch (config.type()) {
            case HADOOP -> CatalogLoader.hadoop(config.name(), hadoop, properties);
            case REST -> CatalogLoader.rest(config.name(), hadoop, properties);
            case GLUE -> CatalogLoader.custom(config.name(), properties, hadoop, properties.get("catalog-impl"));
        };
    }
}
