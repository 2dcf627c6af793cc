package dev.fsc.flink.it;

import dev.fsc.common.json.Json;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.RedisClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner on a hand-written manifest (json clicks from Kafka → late routing → FSC_DEDUP → 1m tiles
 * → Iceberg + Redis) against a real in-process KRaft broker and a real redis-server: the tiles equal
 * an independent oracle, and a run killed with SIGKILL after a checkpoint and resumed from it ends
 * with the same tiles as the uninterrupted run — no double counting — with state on the heap and in RocksDB.
 */
class StreamJobIT {
    private static final long START = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
    private static KafkaClusterTestKit kafka;
    private static RedisServer redis;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Path.of(System.getProperty("fsc.it.dir", "target/it")).resolve("stream-job").toAbsolutePath();
        Files.createDirectories(dir);
        redis = RedisServer.start(dir.resolve("redis"));
        kafka = Brokers.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static void createTopic(String topic) throws Exception {
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
    }

    /** Publishes in arrival order, keyed by the dedup key, with the arrival as the Kafka timestamp. */
    private static void publish(String topic, List<ClickEvents.Click> clicks) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (ClickEvents.Click c : clicks) {
                producer.send(new ProducerRecord<>(topic, null, c.arrival(), c.eventId(), c.json()));
            }
            producer.flush();
        }
    }

    /** The hand-written manifest pointed at this test's topic, broker, store and warehouse. */
    private static Path manifest(String name, String topic, int redisDb, String boundedMode) throws Exception {
        Path folder = dir.resolve(name);
        deleteRecursively(folder); // a warehouse or checkpoints of an earlier run would change the outcome
        Files.createDirectories(folder);
        String text = new String(StreamJobIT.class.getResourceAsStream("/it/clicks_kafka.job.json").readAllBytes())
                .replace("'topic' = 'clicks'", "'topic' = '" + topic + "'");
        Map<String, Object> m = Json.parseObject(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) m.get("parameters");
        params.put("kafka_bootstrap_servers", kafka.bootstrapServers());
        params.put("kafka_group_id", "it-" + name);
        params.put("scan_bounded_mode", boundedMode);
        params.put("online_store", redis.uri(redisDb));
        Path file = folder.resolve("clicks.job.json");
        Files.writeString(file, Json.write(m));
        return file;
    }

    @Test
    void tilesInIcebergAndRedisEqualTheOracle() throws Exception {
        List<ClickEvents.Click> clicks = ClickEvents.generate(6000, 40, START, 1);
        createTopic("clicks-a");
        publish("clicks-a", clicks);
        Path m = manifest("uninterrupted", "clicks-a", 1, "latest-offset");
        Path out = m.resolveSibling("runner.out");
        int exit = Runner.runToEnd(m, out, List.of("--checkpoint-interval", "2s", "--result", m.resolveSibling("result.json").toString()));
        assertEquals(0, exit, Files.readString(out));
        Map<String, ClickEvents.Tile> expected = ClickEvents.oracle(clicks);
        assertTrue(expected.size() > 200, "a meaningful number of tiles: " + expected.size());
        assertEquals(expected, TileReaders.iceberg(m.resolveSibling("warehouse")));
        try (RedisClient c = redis.client(1)) {
            assertEquals(expected, TileReaders.redis(c));
        }
    }

    /** Per state backend: RocksDB's incremental checkpoints must restore the same tiles as the heap's full ones. */
    @ParameterizedTest
    @CsvSource({"hashmap, 2", "rocksdb, 3"})
    void aRunKilledAfterACheckpointAndResumedEndsWithTheSameTiles(String stateBackend, int redisDb) throws Exception {
        List<ClickEvents.Click> clicks = ClickEvents.generate(6000, 40, START, 2);
        List<ClickEvents.Click> first = clicks.subList(0, clicks.size() / 2);
        List<ClickEvents.Click> second = clicks.subList(clicks.size() / 2, clicks.size());
        String topic = "clicks-b-" + stateBackend;
        createTopic(topic);
        publish(topic, first);
        Path m = manifest("killed-" + stateBackend, topic, redisDb, "unbounded");
        Path checkpoints = m.resolveSibling("checkpoints");
        List<String> args = List.of("--checkpoint-interval", "1s", "--checkpoint-dir", checkpoints.toString(),
                "--state-backend", stateBackend);
        Process p = Runner.start(m, m.resolveSibling("runner-1.out"), args);
        Runner.awaitCheckpoint(checkpoints, p, 180_000);
        p.destroyForcibly().waitFor(); // SIGKILL: no clean shutdown, no final checkpoint
        if (stateBackend.equals("rocksdb")) {
            assertTrue(RocksDbCheckpoints.foundUnder(checkpoints), "RocksDB's incremental checkpoints keep its SST files under shared/ (the heap's keep none)");
        }
        publish(topic, second);

        Process resumed = Runner.start(m, m.resolveSibling("runner-2.out"),
                java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("--resume")).toList());
        try {
            Map<String, ClickEvents.Tile> expected = ClickEvents.oracle(clicks);
            Map<String, ClickEvents.Tile> iceberg = Map.of();
            Map<String, ClickEvents.Tile> online = Map.of();
            long deadline = System.currentTimeMillis() + 240_000;
            while (System.currentTimeMillis() < deadline && !(expected.equals(iceberg) && expected.equals(online))) {
                assertTrue(resumed.isAlive(), () -> "resumed runner died: " + read(m.resolveSibling("runner-2.out")));
                Thread.sleep(2000);
                try {
                    iceberg = TileReaders.iceberg(m.resolveSibling("warehouse"));
                } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
                    iceberg = Map.of();
                }
                try (RedisClient c = redis.client(redisDb)) {
                    online = TileReaders.redis(c);
                }
            }
            assertTrue(read(m.resolveSibling("runner-2.out")).contains("restoring from"), "resumed from a checkpoint");
            assertEquals(expected, iceberg);
            assertEquals(expected, online);
        } finally {
            resumed.destroyForcibly().waitFor();
        }
    }

    private static void deleteRecursively(Path folder) throws java.io.IOException {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
