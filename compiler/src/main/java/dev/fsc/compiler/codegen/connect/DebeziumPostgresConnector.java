package dev.fsc.compiler.codegen.connect;

import dev.fsc.compiler.codegen.flink.FlinkCodegen;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.ProjectSpec;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Debezium Postgres connector that captures one cdc source's table, configured so its topic carries exactly
 * what the streaming source reads ({@code FlinkSourceSql}) and the local CDC files hold (SPEC.md): plain Debezium
 * JSON envelopes ({@code op}, {@code before}, {@code after}, {@code source.lsn}, {@code source.ts_ms},
 * {@code ts_ms}) without converter schemas, decimals as strings, timestamps as epoch milliseconds, dates as epoch
 * days, on the source's topic.
 *
 * @param name the connector's name on the cluster
 * @param config its configuration, in a fixed order (what {@code PUT /connectors/{name}/config} takes)
 */
public record DebeziumPostgresConnector(String name, Map<String, String> config) {
    /** Longest replication slot (and publication) name PostgreSQL accepts (NAMEDATALEN - 1). */
    private static final int MAX_SLOT_NAME = 63;
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");
    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    public DebeziumPostgresConnector {
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    static DebeziumPostgresConnector of(String project, Source source, ProjectSpec.Database database) {
        SourceSpec.Connection cdc = source.spec().connection().orElseThrow();
        String table = cdc.table().map(Located::value).orElseThrow(
                () -> new IllegalStateException("cdc source " + source.name() + " has no table (the schema requires one)"));
        String name = ConnectorName.of(project, source.name());
        // Debezium names topics <prefix>.<schema>.<table>; the router below renames that one topic to the source's.
        String prefix = cdc.serverName().orElse(name);
        String slot = slotName(project, source.name());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks.max", "1");
        config.put("database.hostname", database.hostname());
        config.put("database.port", Integer.toString(database.port()));
        config.put("database.dbname", database.dbname());
        config.put("database.user", database.user());
        config.put("database.password", database.password());
        config.put("plugin.name", "pgoutput");
        // one slot and publication per connector: connectors of other sources never share (or drop) each other's
        config.put("slot.name", slot);
        config.put("publication.name", slot);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", regexLiteral(table));
        config.put("topic.prefix", prefix);
        // the first run reads the table's current rows (op r), then streams its changes
        config.put("snapshot.mode", "initial");
        config.put("decimal.handling.mode", "string");
        // Kafka Connect's own time types: epoch milliseconds whatever the column's precision (the streaming source
        // reads TIMESTAMP(3) columns as epoch milliseconds, DATE as epoch days)
        config.put("time.precision.mode", "connect");
        // a delete is its `op: d` change only: the streaming source reads every record as an envelope
        config.put("tombstones.on.delete", "false");
        config.put("key.converter", JSON_CONVERTER);
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "route");
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.regex", regexLiteral(prefix + "." + table));
        config.put("transforms.route.replacement", FlinkCodegen.topic(source));
        return new DebeziumPostgresConnector(name, config);
    }

    /** The file {@code fsc compile} writes: the body {@code POST /connectors} takes. */
    String toJson() {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", name);
        file.put("config", config);
        return Json.write(file) + "\n";
    }

    /** A regex matching exactly {@code text} (both settings are regexes; names hold dots, which match any character). */
    private static String regexLiteral(String text) {
        return REGEX_SPECIAL.matcher(text).replaceAll("\\\\$0");
    }

    /** {@code fsc_<project>_<source>}, shortened with a hash of the whole when PostgreSQL would truncate it. */
    static String slotName(String project, String source) {
        String slot = "fsc_" + project + "_" + source;
        if (slot.length() <= MAX_SLOT_NAME) {
            return slot;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(slot.getBytes(StandardCharsets.UTF_8));
            String suffix = "_" + HexFormat.of().formatHex(hash, 0, 4);
            return slot.substring(0, MAX_SLOT_NAME - suffix.length()) + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
