package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import dev.fsc.cli.backfill.TableRefs;
import dev.fsc.common.json.Json;
import dev.fsc.flink.it.Brokers;
import dev.fsc.flink.it.RedisServer;
import dev.fsc.flink.it.RocksDbCheckpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;

/**
 * A BREAKING change deployed while the streaming job runs, against real endpoints: a Flink session cluster over
 * REST, an in-process Kafka broker, redis-server as the online store, the Spark runner on a local warehouse. A reader
 * polls the served features through the whole deploy (the jobs keep their state in RocksDB); every answer it gets
 * must be entirely the old version's values or entirely the new one's (each checked against sums computed here from
 * all the events), it must never go back, and it must end on the new.
 *
 * <p>Between the deploys the topic drops its older records (as retention would), so the new version's stream cannot
 * rebuild the whole 7-day window: the deploy fills the tiles it misses from the batch path (the lake's bronze table,
 * which the first job wrote while the topic still held them), and only then are readers switched.
 */
class DeployBreakingChangeIT {
    private static final String TOPIC = "it.payments";
    private static final int USERS = 4;
    /** Enough that replaying them takes the new job many seconds: long enough for a reader to catch a half-built version. */
    private static final int EVENTS = 100_000;
    /** Hour-aligned, so the 7-day window at {@link #AT} covers whole tiles; three days back, within the topic's retention. */
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(72));
    /** Events are this far apart: 100,000 of them span about 69 hours. */
    private static final Duration SPACING = Duration.ofMillis(2_500);
    private static final Instant AT = BASE.plus(Duration.ofHours(70));
    /** The share of each partition's records the topic drops before the breaking change. */
    private static final double DROPPED = 0.6;

    /** The version readers ended on, for the status check after the reader stopped. */
    private String servedVersion;

    @Test
    void readersSeeOldValuesUntilTheNewVersionIsWarmThenNewValuesNeverAMix() throws Exception {
        // a fresh folder per run, kept for inspection (target/ is the build's)
        Path dir = Files.createDirectories(Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath()
                .resolve("deploy-breaking-" + System.currentTimeMillis()));
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
             KafkaClusterTestKit kafka = Brokers.start();
             RunnerProcess flink = RunnerProcess.start(Files.createDirectories(dir.resolve("flink")),
                     List.of("cluster", "--slots", "4", "--log", dir.resolve("flink/cluster.log").toString()))) {
            String rest = flink.await(l -> l.startsWith("fsc-flink: cluster rest "), Duration.ofMinutes(2))
                    .substring("fsc-flink: cluster rest ".length()).strip();
            Path project = dir.resolve("project");
            publishPayments(kafka.bootstrapServers());
            writeProject(project, kafka.bootstrapServers(), rest, redis.uri(0), "amount");

            assertEquals(0, deploy(project).exit(), "first deploy");
            try (RunnerProcess reader = RunnerProcess.start(Files.createDirectories(dir.resolve("reader")), readArgs(redis.uri(0)))) {
                // The first version is served at once (nothing was served before): wait until it is complete.
                int settled = roundMatching(reader, 1, Duration.ofMinutes(3));
                String v1 = version(reader.lines().get(settled - 1));

                dropOlderRecords(kafka.bootstrapServers());
                writeProject(project, kafka.bootstrapServers(), rest, redis.uri(0), "amount * 2");
                int beforeDeploy = reader.lines().size();
                Deploy breaking = deploy(project);
                List<String> duringDeploy = reader.lines().subList(beforeDeploy, reader.lines().size());
                assertEquals(0, breaking.exit(), breaking.output());
                assertTrue(breaking.output().contains("fresh: state shape"), "the changed job starts fresh: " + breaking.output());
                assertTrue(breaking.output().contains("that a whole window needs; those tiles come from batch"),
                        "the topic no longer holds the window: the deploy fills it from batch: " + breaking.output());
                assertTrue(breaking.output().matches("(?s).*filled spend version \\S+ from batch: [1-9]\\d* tiles of 4 entities.*"),
                        breaking.output());
                TableRefs.scan(project.resolve(".fsc/warehouse")).forEach((table, refs) -> assertTrue(refs.refs().keySet().stream()
                        .noneMatch(ref -> ref.startsWith("fsc-warm-")), "the warm-up branch is dropped: " + table + " " + refs.refs()));
                reader.await(l -> userOf(l) == USERS && matches(l, 2), Duration.ofSeconds(30));
                reader.close();

                List<String> answers = reader.lines().subList(settled, reader.lines().size()).stream().filter(l -> l.startsWith("{")).toList();
                String v2 = null;
                boolean switched = false;
                for (String line : answers) {
                    if (matches(line, 1) && version(line).equals(v1)) {
                        assertTrue(!switched, "a reader went back to the old version after the switch: " + line);
                    } else if (matches(line, 2)) {
                        switched = true;
                        v2 = version(line);
                    } else {
                        throw new AssertionError("an answer that is neither the old version's values nor the new one's: " + line);
                    }
                }
                assertTrue(switched && !v1.equals(v2), "readers ended on the new version");
                servedVersion = v2;
                assertTrue(duringDeploy.stream().anyMatch(l -> matches(l, 1)),
                        "while the new version warmed up, readers were served the old values: " + duringDeploy.size() + " answers");
            }
            Deploy again = deploy(project);
            assertEquals(0, again.exit(), again.output());
            assertTrue(again.output().startsWith("No changes."), again.output());
            StringWriter status = new StringWriter();
            assertEquals(0, Main.run(new String[] {"status", "--env", "it", "--project", project.toString()},
                    new PrintWriter(status, true), new PrintWriter(status, true)));
            assertTrue(status.toString().contains("spend  version " + servedVersion), status.toString());
            assertTrue(status.toString().matches("(?s).*  job        fsc:spendtest:payments:\\S+  RUNNING, .*; checkpoints: [1-9]\\d* completed, \\d+ failed, last \\d+ s ago.*"),
                    status.toString());
            assertTrue(RocksDbCheckpoints.foundUnder(project.resolve(".fsc")), "the job checkpoints RocksDB incrementally (state_backend: rocksdb)");
        }
    }

    /** Waits until one polling round answers every user with version {@code factor}'s values; the lines up to it. */
    private static int roundMatching(RunnerProcess reader, int factor, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = reader.lines();
            for (int end = lines.size(); end >= USERS; end--) {
                if (lines.subList(end - USERS, end).stream().allMatch(l -> matches(l, factor))) {
                    return end;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no round of answers matched version " + factor + " within " + limit + ": " + reader.lines());
    }

    private static List<String> readArgs(String store) {
        List<String> args = new ArrayList<>(List.of("read", "--view", "spend", "--store", store, "--at", AT.toString(), "--every", "100"));
        for (int u = 1; u <= USERS; u++) {
            args.addAll(List.of("--key", Integer.toString(u)));
        }
        return args;
    }

    /** Whether a reader's answer is exactly what version {@code factor} (amount counted once or twice) gives its user. */
    private static boolean matches(String line, int factor) {
        if (!line.startsWith("{") || !(Json.parseObject(line).get("features") instanceof Map<?, ?> features)) {
            return false;
        }
        int user = userOf(line);
        Object count = features.get("payments_7d");
        Object total = features.get("amount_total_7d");
        return count instanceof Number c && c.longValue() == expectedCount(user)
                && total != null && Double.parseDouble(total.toString()) == factor * expectedTotal(user);
    }

    /** The user a reader's answer is for (0 for other lines). */
    private static int userOf(String line) {
        return line.startsWith("{") ? Integer.parseInt((String) ((List<?>) Json.parseObject(line).get("keys")).get(0)) : 0;
    }

    private static String version(String line) {
        return (String) Json.parseObject(line).get("version");
    }

    private static int payerOf(int event) {
        return event % USERS + 1;
    }

    /** Quarter amounts: their sums are exact in double, whatever the order they are added in. */
    private static double amountOf(int event) {
        return (event % 7 + 1) * 0.25;
    }

    private static long expectedCount(int user) {
        long n = 0;
        for (int i = 0; i < EVENTS; i++) {
            n += payerOf(i) == user ? 1 : 0;
        }
        return n;
    }

    private static double expectedTotal(int user) {
        double sum = 0;
        for (int i = 0; i < EVENTS; i++) {
            sum += payerOf(i) == user ? amountOf(i) : 0;
        }
        return sum;
    }

    /** Two partitions (the job's two source subtasks both get events, so its watermark advances), in event-time order. */
    private static void publishPayments(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < EVENTS; i++) {
                Instant ts = BASE.plus(SPACING.multipliedBy(i));
                Map<String, Object> event = new TreeMap<>(Map.of("event_id", "p" + i, "user_id", (long) payerOf(i),
                        "amount", amountOf(i), "ts", ts.toString()));
                producer.send(new ProducerRecord<>(TOPIC, i % 2, ts.toEpochMilli() + 1_000, "p" + i, Json.write(event)));
            }
        }
    }

    /** What retention does to a topic: its oldest records are gone ({@link #DROPPED} of each partition). */
    private static void dropOlderRecords(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, RecordsToDelete> before = new HashMap<>();
            for (int partition = 0; partition < 2; partition++) {
                before.put(new TopicPartition(TOPIC, partition), RecordsToDelete.beforeOffset((long) (EVENTS / 2 * DROPPED)));
            }
            admin.deleteRecords(before).all().get();
        }
    }

    private static void writeProject(Path root, String bootstrap, String restUrl, String redisUri, String amountExpr) throws IOException {
        write(root.resolve("fsc.yaml"), """
                project: spendtest
                environments:
                  it:
                    kafka:  { bootstrap_servers: "%s" }
                    flink:  { rest_url: "%s", state_backend: rocksdb }
                    online: { type: redis, url: "%s" }
                """.formatted(bootstrap, restUrl, redisUri));
        write(root.resolve("entities/user.yaml"), """
                kind: entity
                name: user
                description: A paying user.
                owner: it
                keys: { user_id: BIGINT }
                """);
        write(root.resolve("sources/payments.yaml"), """
                kind: source
                name: payments
                description: Payments, JSON on Kafka.
                owner: it
                type: stream
                stream: { topic: %s, format: json }
                event_time: ts
                columns:
                  event_id: VARCHAR NOT NULL
                  user_id:  BIGINT NOT NULL
                  amount:   DOUBLE
                  ts:       TIMESTAMP(3) NOT NULL
                dedup: { key: [event_id], within: 1h }
                lateness: 1m
                retention: 30d
                """.formatted(TOPIC));
        write(root.resolve("features/spend.yaml"), """
                kind: feature_view
                name: spend
                description: What a user paid lately.
                owner: it
                entity: user
                source: payments
                online: true
                features:
                  - name: payments
                    agg: count
                    windows: [7d]
                  - name: amount_total
                    expr: "%s"
                    agg: sum
                    windows: [7d]
                """.formatted(amountExpr));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private record Deploy(int exit, String output) {
    }

    private static Deploy deploy(Path project) {
        StringWriter out = new StringWriter();
        int exit = Main.run(new String[] {"deploy", "--env", "it", "--auto-approve", "--warm-timeout", "5m",
                "--project", project.toString()}, new PrintWriter(out, true), new PrintWriter(out, true));
        System.out.println(out);
        return new Deploy(exit, out.toString());
    }
}
