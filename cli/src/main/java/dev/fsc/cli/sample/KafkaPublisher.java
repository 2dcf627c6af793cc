package dev.fsc.cli.sample;

import dev.fsc.common.json.Json;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec.SourceType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes generated sample files to Kafka as a live system would have sent them: every record of every
 * source in one arrival order (stream records by {@code _arrival_time}, CDC changes by {@code ts_ms}), each
 * with its arrival as the Kafka timestamp, so the topics carry the generator's disorder in event time, its
 * duplicates and its late events. A record's key is its dedup key (stream) or primary key (CDC), so every
 * record of a key lands in one partition, in arrival order — what the streaming dedup relies on.
 */
final class KafkaPublisher {
    private final String bootstrapServers;

    KafkaPublisher(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** One source's file and the topic it goes to. */
    record Topic(Source source, Path file, String topic) {
    }

    private record Message(long arrival, long order, String topic, String key, String value) {
    }

    /** Publishes every file; returns the number of records sent. */
    long publish(List<Topic> topics, PrintWriter out) throws IOException, InterruptedException, ExecutionException {
        List<Message> messages = new ArrayList<>();
        for (Topic t : topics) {
            boolean cdc = t.source().spec().type().value() == SourceType.CDC;
            List<String> keyColumns = cdc ? t.source().spec().primaryKey().stream().map(Located::value).toList()
                    : t.source().spec().dedup().map(d -> d.key().stream().map(Located::value).toList()).orElse(List.of());
            for (String line : Files.readAllLines(t.file(), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> record = Json.parseObject(line);
                Map<?, ?> image = cdc ? (Map<?, ?>) (record.get("after") != null ? record.get("after") : record.get("before")) : record;
                List<Object> key = new ArrayList<>();
                keyColumns.forEach(k -> key.add(image == null ? null : image.get(k)));
                messages.add(new Message(arrival(record, t.source()), messages.size(), t.topic(),
                        keyColumns.isEmpty() ? null : key.toString(), line));
            }
        }
        // one arrival order across topics; ties keep file order
        messages.sort(Comparator.comparingLong(Message::arrival).thenComparingLong(Message::order));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (Message m : messages) {
                producer.send(new ProducerRecord<>(m.topic(), null, m.arrival(), m.key(), m.value()));
                if (++sent % 10_000 == 0) {
                    out.println("  published " + sent + " / " + messages.size());
                    out.flush();
                }
            }
            producer.flush();
        }
        return sent;
    }

    /** A record's arrival in epoch millis: {@code ts_ms} of a change, {@code _arrival_time} else its event time. */
    private static long arrival(Map<String, Object> record, Source source) {
        if (source.spec().type().value() == SourceType.CDC) {
            return ((Number) record.get("ts_ms")).longValue();
        }
        Object at = record.get("_arrival_time");
        if (at == null) {
            at = record.get(source.spec().eventTime().map(Located::value).orElse(""));
        }
        try {
            return at == null ? 0 : OffsetDateTime.parse(at.toString().endsWith("Z") || at.toString().contains("+") ? at.toString()
                    : at + "Z").toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH.toEpochMilli();
        }
    }
}
