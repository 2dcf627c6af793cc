package dev.fsc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.cli.Main;
import dev.fsc.common.json.Json;
import dev.fsc.flink.it.Brokers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fsc deploy} registers Debezium connectors through the Kafka Connect REST API, against real components: a
 * PostgreSQL server from the OS binaries, an in-process KRaft Kafka broker and an in-process Kafka Connect worker
 * with the Debezium Postgres connector. Changes made in PostgreSQL arrive on the spec's topic in the envelope the
 * generated Flink source reads; a second deploy changes nothing; a changed spec updates the connector; removing
 * the source deletes its connector (and its replication slot) and leaves another project's connector alone.
 */
class ConnectorDeployIT {
    private static final Path WORK = Path.of(System.getProperty("fsc.it.dir", "target/it")).toAbsolutePath();
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    private static final String CONNECTOR = "fsc-shop-orders";
    /** A connector of project {@code shop_eu} (not {@code shop}'s, though its name starts alike). */
    private static final String OTHER_PROJECT_CONNECTOR = "fsc-shop_eu-orders";
    private static final Duration EVENT_LIMIT = Duration.ofSeconds(60);

    private static LocalPostgres postgres;
    private static KafkaClusterTestKit kafka;
    private static ConnectWorker connect;
    /** The worker's REST URL, as fsc.yaml names it. */
    private static String connectUrl;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startComponents() throws Exception {
        postgres = LocalPostgres.start(PASSWORD);
        kafka = Brokers.start();
        connect = ConnectWorker.start(kafka.bootstrapServers());
        connectUrl = connect.restUrl().toString().replaceFirst("/$", "");
    }

    @AfterAll
    static void stopComponents() throws Exception {
        if (connect != null) {
            connect.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void deployRegistersUpdatesAndRemovesTheConnector() throws Exception {
        Path project = project();
        try (Connection db = postgres.connect("postgres"); Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE shop");
        }
        try (Connection db = postgres.connect("shop"); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE public.orders (order_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, "
                    + "amount_usd NUMERIC(12,2), status VARCHAR, updated_at TIMESTAMP(3) NOT NULL)");
            sql.execute("INSERT INTO public.orders VALUES (1, 10, 12.50, 'placed', '2026-10-01 08:00:00.123')");
        }
        awaitConnectReady();
        putOtherProjectsConnector();

        // 1. the first deploy creates the connector: the existing row arrives as a snapshot read, then every change
        Deploy first = deploy(project);
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.out().contains("create Debezium connector " + CONNECTOR), first.output());
        try (Connection db = postgres.connect("shop"); Statement sql = db.createStatement();
                KafkaConsumer<String, String> orders = consumer("shop.orders")) {
            Map<String, Object> snapshot = next(orders);
            assertEquals("r", snapshot.get("op"));
            assertNull(snapshot.get("before"));
            assertRow(snapshot.get("after"), 1, 10, "12.50", "placed", "2026-10-01T08:00:00.123");

            sql.execute("INSERT INTO public.orders VALUES (2, 20, 7.00, 'placed', '2026-10-01 09:00:00.000')");
            sql.execute("UPDATE public.orders SET status = 'paid', amount_usd = 13.75, updated_at = '2026-10-01 10:30:00.500' "
                    + "WHERE order_id = 1");
            sql.execute("DELETE FROM public.orders WHERE order_id = 2");
            sql.execute("INSERT INTO public.orders VALUES (3, 30, NULL, 'placed', '2026-10-02 00:00:00.001')");

            Map<String, Object> insert = next(orders);
            assertEquals("c", insert.get("op"));
            assertNull(insert.get("before"));
            assertRow(insert.get("after"), 2, 20, "7.00", "placed", "2026-10-01T09:00:00");
            Map<String, Object> update = next(orders);
            assertEquals("u", update.get("op"));
            // the default replica identity: an update carries no before image (fsc reads only after)
            assertNull(update.get("before"));
            assertRow(update.get("after"), 1, 10, "13.75", "paid", "2026-10-01T10:30:00.500");
            Map<String, Object> delete = next(orders);
            assertEquals("d", delete.get("op"));
            assertNull(delete.get("after"));
            // the default replica identity: a delete's before image holds the primary key, which ends the row's version
            assertEquals(2L, ((Map<?, ?>) delete.get("before")).get("order_id"));
            // no tombstone after the delete: the next record is the next change
            Map<String, Object> afterDelete = next(orders);
            assertEquals("c", afterDelete.get("op"));
            assertRow(afterDelete.get("after"), 3, 30, null, "placed", "2026-10-02T00:00:00.001");

            long previousLsn = -1;
            for (Map<String, Object> change : List.of(insert, update, delete, afterDelete)) {
                Map<?, ?> source = (Map<?, ?>) change.get("source");
                long lsn = (Long) source.get("lsn");
                assertTrue(lsn > previousLsn, "LSNs increase in commit order: " + change);
                previousLsn = lsn;
                assertTrue((Long) source.get("ts_ms") > 0 && (Long) change.get("ts_ms") >= (Long) source.get("ts_ms"), change.toString());
            }
        }
        Deploy status = run("status", "--project", project.toString(), "--env", "it");
        assertTrue(status.out().contains("connector  " + CONNECTOR + "  RUNNING, tasks RUNNING"), status.output());
        assertFalse(status.out().contains(OTHER_PROJECT_CONNECTOR), status.output());

        // 2. the same specs again: nothing to do
        Deploy again = deploy(project);
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.out().startsWith("No changes."), again.output());

        // 3. a changed topic updates the connector in place: it resumes from its offsets into the new topic
        Path orders = project.resolve("sources/orders.yaml");
        Files.writeString(orders, Files.readString(orders).replace("topic: shop.orders", "topic: shop.orders.v2"));
        Deploy changed = deploy(project);
        assertEquals(0, changed.exit(), changed.output());
        assertTrue(changed.out().contains("update Debezium connector " + CONNECTOR + " on " + connectUrl
                + " (changed: transforms.route.replacement)"), changed.output());
        try (Connection db = postgres.connect("shop"); Statement sql = db.createStatement();
                KafkaConsumer<String, String> v2 = consumer("shop.orders.v2")) {
            sql.execute("UPDATE public.orders SET status = 'shipped', updated_at = '2026-10-03 12:00:00.000' WHERE order_id = 3");
            Map<String, Object> update = next(v2);
            assertEquals("u", update.get("op"));
            assertRow(update.get("after"), 3, 30, null, "shipped", "2026-10-03T12:00:00");
        }

        // 4. without the source its connector goes, and its replication slot with it; other projects' stay
        assertTrue(replicationSlots().contains("fsc_shop_orders"), replicationSlots().toString());
        Files.delete(orders);
        Deploy removed = deploy(project);
        assertEquals(0, removed.exit(), removed.output());
        assertTrue(removed.out().contains("delete Debezium connector " + CONNECTOR), removed.output());
        assertEquals(List.of(OTHER_PROJECT_CONNECTOR), get("/connectors"));
        awaitNoReplicationSlot("fsc_shop_orders");
        assertTrue(deploy(project).out().startsWith("No changes."));
    }

    /** A project with one cdc source (captured by the connector) and one stream source (so it stays a project without it). */
    private static Path project() throws IOException {
        Path dir = WORK.resolve("connector-deploy");
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.resolve("sources"));
        Path secrets = Files.writeString(dir.resolve("postgres.properties"), "password=" + PASSWORD + "\n");
        Files.writeString(dir.resolve("fsc.yaml"), """
                project: shop
                environments:
                  local: {}
                  it:
                    kafka: { bootstrap_servers: "%s" }
                    connect:
                      url: "%s"
                      databases:
                        postgres: { hostname: 127.0.0.1, port: %d, dbname: shop, user: %s, password: "${file:%s:password}" }
                """.formatted(kafka.bootstrapServers(), connectUrl, postgres.port(), LocalPostgres.USER, secrets));
        Files.writeString(dir.resolve("sources/orders.yaml"), """
                kind: source
                name: orders
                type: cdc
                cdc: { database: postgres, table: public.orders, topic: shop.orders }
                primary_key: [order_id]
                event_time: updated_at
                columns:
                  order_id:   BIGINT NOT NULL
                  user_id:    BIGINT NOT NULL
                  amount_usd: DECIMAL(12,2)
                  status:     VARCHAR
                  updated_at: TIMESTAMP(3) NOT NULL
                """);
        Files.writeString(dir.resolve("sources/clicks.yaml"), """
                kind: source
                name: clicks
                type: stream
                stream: { topic: shop.clicks }
                event_time: ts
                columns:
                  user_id: BIGINT NOT NULL
                  ts:      TIMESTAMP(3) NOT NULL
                """);
        return dir;
    }

    /** One row image as the Flink source types it: numbers, decimals as strings, TIMESTAMP(3) as epoch milliseconds. */
    private static void assertRow(Object image, long orderId, long userId, String amount, String status, String updatedAt) {
        Map<?, ?> row = (Map<?, ?>) image;
        assertEquals(orderId, row.get("order_id"), row.toString());
        assertEquals(userId, row.get("user_id"), row.toString());
        assertEquals(amount, row.get("amount_usd"), row.toString());
        assertEquals(status, row.get("status"), row.toString());
        assertEquals(LocalDateTime.parse(updatedAt).toInstant(ZoneOffset.UTC).toEpochMilli(), row.get("updated_at"), row.toString());
    }

    private record Deploy(int exit, String out, String err) {
        String output() {
            return out + "\n" + err;
        }
    }

    private static Deploy deploy(Path project) {
        return run("deploy", "--project", project.toString(), "--env", "it", "--auto-approve");
    }

    private static Deploy run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        // into the failsafe report's output file: what each step said, for a failure's reader
        System.out.println("$ fsc " + String.join(" ", args) + "  (exit " + exit + ")\n" + out + err);
        return new Deploy(exit, out.toString(), err.toString());
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "fsc-it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static final Map<KafkaConsumer<String, String>, List<ConsumerRecord<String, String>>> BUFFERED = new java.util.HashMap<>();

    /** The topic's next change event (a null value, a tombstone, fails: the Flink source reads every record as an envelope). */
    private static Map<String, Object> next(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> buffer = BUFFERED.computeIfAbsent(consumer, c -> new ArrayList<>());
        Instant deadline = Instant.now().plus(EVENT_LIMIT);
        while (buffer.isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(500)).forEach(buffer::add);
        }
        assertFalse(buffer.isEmpty(), "no change event within " + EVENT_LIMIT.toSeconds() + " s");
        ConsumerRecord<String, String> record = buffer.remove(0);
        assertTrue(record.value() != null, "a tombstone at offset " + record.offset());
        return Json.parseObject(record.value());
    }

    /** The worker's REST server answers once it joined its group. */
    private static void awaitConnectReady() throws Exception {
        Instant deadline = Instant.now().plus(EVENT_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            try {
                get("/connectors");
                return;
            } catch (IOException e) {
                Thread.sleep(250);
            }
        }
        throw new IOException("Kafka Connect at " + connectUrl + " did not answer within " + EVENT_LIMIT.toSeconds() + " s");
    }

    private static void putOtherProjectsConnector() throws Exception {
        Path input = Files.writeString(WORK.resolve("other-project-input.txt"), "a line\n");
        String config = Json.write(Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "file", input.toString(), "topic", "shop_eu.lines"));
        send(HttpRequest.newBuilder(URI.create(connectUrl + "/connectors/" + OTHER_PROJECT_CONNECTOR + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config)));
    }

    private static Object get(String path) throws IOException, InterruptedException {
        return Json.parse(send(HttpRequest.newBuilder(URI.create(connectUrl + path)).GET()));
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static List<String> replicationSlots() throws SQLException {
        List<String> slots = new ArrayList<>();
        try (Connection db = postgres.connect("shop"); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT slot_name FROM pg_replication_slots ORDER BY slot_name")) {
            while (rows.next()) {
                slots.add(rows.getString(1));
            }
        }
        return slots;
    }

    /** Debezium drops the slot as its task stops, a moment after the connector is deleted. */
    private static void awaitNoReplicationSlot(String slot) throws Exception {
        Instant deadline = Instant.now().plus(EVENT_LIMIT);
        while (replicationSlots().contains(slot)) {
            assertTrue(Instant.now().isBefore(deadline), "replication slot " + slot + " still exists");
            Thread.sleep(250);
        }
    }
}
