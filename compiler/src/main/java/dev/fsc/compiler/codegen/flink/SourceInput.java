package dev.fsc.compiler.codegen.flink;

import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.SourceSpec.Connection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a streaming job reads a source from: a Kafka topic (environments with {@code kafka:}; the record's
 * Kafka timestamp is its arrival time), or a local file of JSON lines (the {@code local} environment: file
 * order is arrival order, the arrival time is the record's {@code _arrival_time}).
 *
 * @param kafka whether the source is a Kafka topic (else a local file)
 * @param format Flink format of the records: {@code json}, {@code avro-confluent}, {@code protobuf}
 * @param options the connector's WITH options, in order
 */
record SourceInput(boolean kafka, String format, Map<String, String> options) {
    /** Job parameters the inputs use. */
    static final String BOOTSTRAP = "kafka_bootstrap_servers";
    static final String GROUP_ID = "kafka_group_id";
    static final String STARTUP_MODE = "scan_startup_mode";
    static final String SCHEMA_REGISTRY = "schema_registry_url";

    SourceInput {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A local JSON lines file, path from the {@code input_<source>} parameter. */
    static SourceInput file(Source source) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "filesystem");
        options.put("path", "${" + TableNames.inputParameter(source.name()) + "}");
        options.put("format", "json");
        return new SourceInput(false, "json", options);
    }

    /**
     * The source's Kafka topic ({@code stream.topic} / {@code cdc.topic}, else its name). CDC topics carry
     * Debezium JSON envelopes (converter schemas off), read as records so bronze keeps them as received.
     */
    static SourceInput kafka(Source source) {
        Optional<Connection> connection = source.spec().connection();
        String topic = topic(source);
        String format = FlinkSourceSql.isCdc(source) ? "json"
                : switch (connection.flatMap(Connection::format).orElse("json").toLowerCase(Locale.ROOT)) {
                    case "avro" -> "avro-confluent";
                    case "protobuf" -> "protobuf";
                    default -> "json";
                };
        Map<String, String> options = new LinkedHashMap<>();
        options.put("connector", "kafka");
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", "${" + BOOTSTRAP + "}");
        options.put("properties.group.id", "${" + GROUP_ID + "}");
        options.put("scan.startup.mode", "${" + STARTUP_MODE + "}");
        options.put("format", format);
        if (format.equals("avro-confluent")) {
            options.put("avro-confluent.url", "${" + SCHEMA_REGISTRY + "}");
        }
        if (format.equals("protobuf")) {
            options.put("protobuf.message-class-name", "${" + protobufClassParameter(source.name()) + "}");
        }
        return new SourceInput(true, format, options);
    }

    /** The Kafka topic of a stream or CDC source: its {@code topic}, else its name. */
    static String topic(Source source) {
        return source.spec().connection().flatMap(Connection::topic).orElse(source.name());
    }

    /** Whether the records carry typed values (avro, protobuf) rather than JSON text. */
    boolean typed() {
        return !format.equals("json");
    }

    /** The job parameter naming a protobuf source's generated message class. */
    static String protobufClassParameter(String source) {
        return "protobuf_class_" + source;
    }
}
