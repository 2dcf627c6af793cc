package dev.fsc.spark;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.CatalogConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark properties for a job's session, as plain data (so they can be tested without starting
 * Spark). The manifest's catalog becomes an Iceberg {@code SparkCatalog} and the session's default
 * catalog, so generated SQL names tables {@code namespace.table}.
 */
final class SessionConfig {
    /** Shuffle partitions in local mode: Spark's default of 200 makes small local jobs slow. */
    static final String LOCAL_SHUFFLE_PARTITIONS = "4";

    private SessionConfig() {
    }

    /**
     * @param manifestDir folder of the manifest file, against which a relative Hadoop warehouse resolves
     * @param overrides {@code --conf} values, applied last
     */
    static Map<String, String> of(JobManifest manifest, Path manifestDir, String master, Map<String, String> overrides) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", master);
        conf.put("spark.app.name", "fsc " + manifest.project() + "/" + manifest.job());
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false");
        // Results must not depend on the machine's time zone: day partitions, ${ds} literals, tiles are UTC.
        conf.put("spark.sql.session.timeZone", "UTC");
        conf.put("spark.sql.sources.partitionOverwriteMode", "dynamic");
        // Only the manifest's declared parameters are substituted (by the runner); Spark's own ${var}
        // substitution would silently expand or keep other references.
        conf.put("spark.sql.variable.substitute", "false");
        if (master.startsWith("local")) {
            conf.put("spark.sql.shuffle.partitions", LOCAL_SHUFFLE_PARTITIONS);
        }
        conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        conf.putAll(catalog(manifest.catalog(), manifestDir));
        conf.put("spark.sql.defaultCatalog", manifest.catalog().name());
        conf.putAll(overrides);
        return conf;
    }

    /** The {@code spark.sql.catalog.<name>*} properties for an Iceberg catalog. */
    static Map<String, String> catalog(CatalogConfig catalog, Path manifestDir) {
        String prefix = "spark.sql.catalog." + catalog.name();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        switch (catalog.type()) {
            case HADOOP -> {
                conf.put(prefix + ".type", "hadoop");
                conf.put(prefix + ".warehouse", localWarehouse(catalog.warehouse().orElseThrow(), manifestDir));
            }
            case GLUE -> {
                conf.put(prefix + ".type", "glue");
                conf.put(prefix + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
                conf.put(prefix + ".warehouse", catalog.warehouse().orElseThrow());
            }
            case REST -> {
                conf.put(prefix + ".type", "rest");
                catalog.warehouse().ifPresent(w -> conf.put(prefix + ".warehouse", w));
            }
        }
        catalog.options().forEach((k, v) -> conf.put(prefix + "." + k, v));
        return conf;
    }

    /** A URI-style warehouse ({@code s3a://}, {@code hdfs://}, {@code file:}) as is; a relative path against the manifest's folder. */
    static String localWarehouse(String warehouse, Path manifestDir) {
        if (warehouse.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !warehouse.matches("[A-Za-z]:\\\\.*")) {
            return warehouse;
        }
        return manifestDir.resolve(warehouse).toAbsolutePath().normalize().toString();
    }

    /** Whether a class the catalog type needs is missing from this jar (Glue needs iceberg-aws-bundle). */
    static String missingCatalogClass(JobManifest.CatalogType type) {
        if (type != JobManifest.CatalogType.GLUE) {
            return null;
        }
        for (String cls : new String[] {"org.apache.iceberg.aws.glue.GlueCatalog", "software.amazon.awssdk.services.glue.GlueClient"}) {
            try {
                Class.forName(cls, false, SessionConfig.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                return cls;
            }
        }
        return null;
    }
}
