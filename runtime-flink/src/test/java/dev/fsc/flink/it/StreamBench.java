package dev.fsc.flink.it;

import dev.fsc.common.json.Json;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * bench/stream (run by bench/stream/run.sh): a count/sum tile view over Kafka, the fsc-shaped job
 * (late routing, FSC_DEDUP, tiles to Iceberg + online store) against a hand-written Flink SQL job of
 * the same query (ROW_NUMBER dedup with processing-time state TTL), same sinks, same 2 cores, with state on the
 * heap and in RocksDB.
 * Throughput: N events pre-loaded into Kafka, bounded read (latest-offset), job time = run time
 * minus planning and submission. Latency: the fsc job live, events produced at a fixed rate with
 * event time = now; each online-store write's wall-clock time minus the tile's newest event time.
 *
 * <p>Usage: {@code StreamBench <runner.jar> <bench/stream folder> <work folder> <events> <rate/s> <seconds>}.
 */
public final class StreamBench {
    private static final String SMALL_TOPIC = "preloaded-tenth";

    private StreamBench() {
    }

    public static void main(String[] a) throws Exception {
        Path jar = Path.of(a[0]);
        Path benchDir = Path.of(a[1]);
        Path work = Path.of(a[2]).toAbsolutePath();
        int events = Integer.parseInt(a[3]);
        int rate = Integer.parseInt(a[4]);
        int seconds = Integer.parseInt(a[5]);
        System.setProperty("fsc.runner.jar", jar.toString());
        Files.createDirectories(work);
        try (KafkaClusterTestKit kafka = Brokers.start()) {
            try (var admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic("preloaded", 2, (short) 1), new NewTopic(SMALL_TOPIC, 2, (short) 1),
                        new NewTopic("live", 2, (short) 1))).all().get();
            }
            // every arrival (the Kafka timestamp) in the past: the broker rejects timestamps more than an hour ahead
            long start = System.currentTimeMillis() - (long) events * ClickEvents.SPACING_MILLIS - 3_600_000L;
            int small = events / 10;
            log("loading " + events + " events into Kafka (and the first " + small + " into " + SMALL_TOPIC + ")");
            AtomicReference<Exception> rejected = new AtomicReference<>();
            Callback failure = (metadata, e) -> {
                if (e != null) {
                    rejected.compareAndSet(null, e);
                }
            };
            try (KafkaProducer<String, String> p = producer(kafka)) {
                List<ClickEvents.Click> clicks = ClickEvents.generate(events, 10_000, start, 7);
                for (int i = 0; i < clicks.size(); i++) {
                    ClickEvents.Click c = clicks.get(i);
                    p.send(new ProducerRecord<>("preloaded", null, c.arrival(), c.eventId(), c.json()), failure);
                    if (i < small) {
                        p.send(new ProducerRecord<>(SMALL_TOPIC, null, c.arrival(), c.eventId(), c.json()), failure);
                    }
                }
            }
            if (rejected.get() != null) {
                throw new IllegalStateException("the broker rejected pre-loaded events", rejected.get());
            }
            if ("1".equals(System.getProperty("fsc.bench.profile"))) {
                profile(benchDir, work, kafka);
                return;
            }
            Map<String, Rates> perJob = new java.util.LinkedHashMap<>();
            for (String backend : List.of("hashmap", "rocksdb")) {
                for (String job : List.of("fsc", "handwritten")) {
                    Path template = benchDir.resolve(job + ".job.json");
                    JobCost tenth = jobCost(template, work.resolve(job + "-" + backend + "-small"), kafka, SMALL_TOPIC, backend);
                    JobCost all = jobCost(template, work.resolve(job + "-" + backend), kafka, "preloaded", backend);
                    perJob.put(backend + "/" + job, new Rates(events / all.seconds() / 2, (events - small) / (all.seconds() - tenth.seconds()) / 2,
                            (events - small) / (all.cpuSeconds() - tenth.cpuSeconds())));
                }
            }
            LatencyRun latency = latency(benchDir.resolve("fsc.job.json"), work.resolve("latency"), kafka, rate, seconds);
            String md = report(events, perJob, rate, seconds, latency);
            Files.writeString(work.resolve("stream.md"), md);
            System.out.print(md);
        }
    }

    private static KafkaProducer<String, String> producer(KafkaClusterTestKit kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }

    private static Path manifest(Path template, Path folder, KafkaClusterTestKit kafka, String topic, String bounded) throws Exception {
        Files.createDirectories(folder);
        Map<String, Object> m = Json.parseObject(Files.readString(template));
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) m.get("parameters");
        params.put("topic", topic);
        params.put("kafka_bootstrap_servers", kafka.bootstrapServers());
        params.put("kafka_group_id", "bench-" + folder.getFileName());
        params.put("scan_bounded_mode", bounded);
        params.put("online_store", "embedded:" + folder.resolve("online"));
        Path file = folder.resolve(template.getFileName());
        Files.writeString(file, Json.write(m));
        return file;
    }

    /**
     * Events/s per core of one job: over the whole run, and in the steady state — the slope between a run over a tenth
     * of the events and one over all of them, which cancels what every run pays once (task deployment, source start,
     * the final Iceberg commit); and the steady state's events per CPU second the job's process used, which other
     * load on the machine does not distort the way it distorts wall-clock time.
     */
    private record Rates(double wholeRun, double steady, double perCpuSecond) {
    }

    /** Wall-clock and CPU seconds of one run, both without planning and submission. */
    private record JobCost(double seconds, double cpuSeconds) {
    }

    /** One bounded run over {@code topic} (2 cores, parallelism 2). */
    private static JobCost jobCost(Path template, Path folder, KafkaClusterTestKit kafka, String topic, String stateBackend) throws Exception {
        Path m = manifest(template, folder, kafka, topic, "latest-offset");
        Path result = folder.resolve("result.json");
        log("run of " + template.getFileName() + " over " + topic + ", state in " + stateBackend);
        int exit = Runner.runToEnd(m, folder.resolve("runner.out"), List.of("--parallelism", "2", "--checkpoint-interval", "10s",
                "--state-backend", stateBackend, "--result", result.toString()));
        if (exit != 0) {
            throw new IllegalStateException(template + " failed: " + Files.readString(folder.resolve("runner.out")));
        }
        Map<String, Object> r = Json.parseObject(Files.readString(result));
        JobCost cost = new JobCost(number(r, "seconds") - number(r, "startSeconds"), number(r, "cpuSeconds") - number(r, "startCpuSeconds"));
        log(String.format(Locale.ROOT, "%s over %s (%s): %.1f s, %.1f CPU s", template.getFileName(), topic, stateBackend,
                cost.seconds(), cost.cpuSeconds()));
        return cost;
    }

    /**
     * Profile mode ({@code PROFILE=1 bench/stream/run.sh}): one run of each job over all events per state backend of
     * {@code fsc.bench.backends} (default hashmap), each runner JVM recording a Java Flight Recording
     * ({@code <work>/<job>-<backend>/profile.jfr}); no report. Read it with {@code bench/stream/hot.py FILE}.
     */
    private static void profile(Path benchDir, Path work, KafkaClusterTestKit kafka) throws Exception {
        for (String backend : System.getProperty("fsc.bench.backends", "hashmap").split(",")) {
            for (String job : List.of("fsc", "handwritten")) {
                Path folder = work.resolve(job + "-" + backend);
                Path m = manifest(benchDir.resolve(job + ".job.json"), folder, kafka, "preloaded", "latest-offset");
                Path jfr = folder.resolve("profile.jfr");
                Path result = folder.resolve("result.json");
                log("profiled run of " + job + " (" + backend + ") → " + jfr);
                int exit = Runner.runToEnd(m, folder.resolve("runner.out"), List.of("--parallelism", "2", "--checkpoint-interval", "10s",
                        "--state-backend", backend, "--result", result.toString()),
                        List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true"));
                if (exit != 0) {
                    throw new IllegalStateException(job + " failed: " + Files.readString(folder.resolve("runner.out")));
                }
                Map<String, Object> r = Json.parseObject(Files.readString(result));
                log(String.format(Locale.ROOT, "%s (%s): %.1f s, %.1f CPU s after submission", job, backend,
                        number(r, "seconds") - number(r, "startSeconds"), number(r, "cpuSeconds") - number(r, "startCpuSeconds")));
            }
        }
    }

    private static double number(Map<String, Object> result, String key) {
        return ((Number) result.get(key)).doubleValue();
    }

    /** Seconds of the latency run, from the job's start, before the steady-state measurement begins. */
    private static final int START_UP_SECONDS = Integer.getInteger("fsc.bench.latencyStartUp", 20);
    /** A second of events counts as caught up when its p99 latency is below this. */
    private static final long CAUGHT_UP_MILLIS = 1000;

    /**
     * Event → online-store latency of the fsc job, live: {@link #START_UP_SECONDS} of events at {@code rate} right after
     * the job reports running (JIT warm-up, consumer-group join, the first checkpoints: the job falls behind and
     * catches up), then {@code seconds} more, measured as the steady state. Both are reported, and how long the
     * catch-up took.
     */
    private static LatencyRun latency(Path template, Path folder, KafkaClusterTestKit kafka, int rate, int seconds) throws Exception {
        Path m = manifest(template, folder, kafka, "live", "unbounded");
        log("latency run: " + rate + " events/s for " + START_UP_SECONDS + " s of start-up, then " + seconds + " s measured");
        Process job = Runner.start(m, folder.resolve("runner.out"), List.of("--parallelism", "2", "--checkpoint-interval", "5s"));
        try {
            waitForLine(folder.resolve("runner.out"), "running", job);
            long t0 = System.currentTimeMillis();
            try (KafkaProducer<String, String> p = producer(kafka)) {
                for (long i = 0; i < (long) rate * (START_UP_SECONDS + seconds); i++) {
                    long due = t0 + i * 1000 / rate;
                    long now = System.currentTimeMillis();
                    if (due > now) {
                        Thread.sleep(due - now);
                    }
                    long at = System.currentTimeMillis();
                    ClickEvents.Click c = new ClickEvents.Click("l" + i, 1 + (i % 5000), "item" + (i % 50), 1, at, at);
                    p.send(new ProducerRecord<>("live", null, at, c.eventId(), c.json()));
                }
            }
            Thread.sleep(3000);
            return LatencyRun.of(writes(folder.resolve("online")), t0, t0 + START_UP_SECONDS * 1000L);
        } finally {
            job.destroyForcibly().waitFor();
        }
    }

    /** One online-store write of a tile: when it was written, and the newest event time it holds. */
    private record TileWrite(long writtenAt, long latestEvent) {
        long millis() {
            return writtenAt - latestEvent;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<TileWrite> writes(Path online) throws Exception {
        List<TileWrite> writes = new ArrayList<>();
        try (Stream<Path> files = Files.list(online)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    List<Object> w = (List<Object>) Json.parse(line);
                    if (!((String) w.get(1)).contains("@")) {
                        continue; // not a tile ("<tile>@<start>") but the writer's progress record
                    }
                    List<Object> state = (List<Object>) Json.parse((String) w.get(2));
                    writes.add(new TileWrite((Long) w.get(4) / 1000, (Long) state.get(1)));
                }
            }
        }
        return writes;
    }

    /** Percentiles (ms) of a set of writes. */
    private record Latencies(int writes, long p50, long p99, long p999, long max) {
        static Latencies of(List<TileWrite> writes) {
            if (writes.isEmpty()) {
                throw new IllegalStateException("no online-store writes measured");
            }
            List<Long> ms = writes.stream().map(TileWrite::millis).sorted().toList();
            return new Latencies(ms.size(), ms.get(ms.size() / 2), percentile(ms, 0.99), percentile(ms, 0.999), ms.get(ms.size() - 1));
        }

        private static long percentile(List<Long> sorted, double q) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * q) - 1));
        }
    }

    /**
     * @param startUp writes of events produced in the start-up seconds
     * @param steady writes of events produced after them
     * @param catchUpSeconds seconds from the job's start until every later second of events has a p99 below
     *     {@link #CAUGHT_UP_MILLIS}
     */
    private record LatencyRun(Latencies startUp, Latencies steady, long catchUpSeconds) {
        static LatencyRun of(List<TileWrite> writes, long start, long steadyFrom) {
            List<TileWrite> measured = writes.stream().filter(w -> w.latestEvent() >= start).toList();
            Map<Long, List<TileWrite>> perSecond = new java.util.TreeMap<>();
            measured.forEach(w -> perSecond.computeIfAbsent((w.latestEvent() - start) / 1000, s -> new ArrayList<>()).add(w));
            long caughtUp = 0;
            for (Map.Entry<Long, List<TileWrite>> second : perSecond.entrySet()) {
                if (Latencies.of(second.getValue()).p99() >= CAUGHT_UP_MILLIS) {
                    caughtUp = second.getKey() + 1;
                }
            }
            return new LatencyRun(Latencies.of(measured.stream().filter(w -> w.latestEvent() < steadyFrom).toList()),
                    Latencies.of(measured.stream().filter(w -> w.latestEvent() >= steadyFrom).toList()), caughtUp);
        }
    }

    private static void waitForLine(Path out, String text, Process p) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(out) && Files.readString(out).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("job exited: " + Files.readString(out));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job did not start: " + Files.readString(out));
    }

    /** @param perJob per {@code <state backend>/<job>}: its rates */
    private static String report(int events, Map<String, Rates> perJob, int rate, int seconds, LatencyRun lat) {
        StringBuilder rows = new StringBuilder();
        perJob.forEach((key, r) -> {
            String backend = key.substring(0, key.indexOf('/'));
            Rates hand = perJob.get(backend + "/handwritten");
            rows.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f× | %,.0f | %.2f× | %,.0f | %.2f× |%n", backend,
                    key.endsWith("/fsc") ? "fsc-shaped (FSC_DEDUP by arrival, late routing)" : "hand-written Flink SQL (ROW_NUMBER dedup, proc-time TTL)",
                    r.steady(), r.steady() / hand.steady(), r.perCpuSecond(), r.perCpuSecond() / hand.perCpuSecond(),
                    r.wholeRun(), r.wholeRun() / hand.wholeRun()));
        });
        return String.format(Locale.ROOT, """
                # bench/stream: count/sum tile view, Kafka → dedup → 1m tiles → Iceberg + online store

                Same 2 cores, parallelism 2, local MiniCluster, in-process KRaft broker (2 partitions),
                %,d pre-loaded events (disorder, 5%% duplicates, 3%% late), bounded read; job time excludes
                planning and submission. State on the heap (hashmap) or in RocksDB (incremental checkpoints).
                Steady state: the slope between a run over the first tenth of the events and one over all of them
                (cancels task deployment, source start and the final Iceberg commit); per CPU second: the same slope
                over the CPU time the job's process used. Command: `bench/stream/run.sh`.

                | state | job | events/s per core, steady | vs hand-written | events per CPU second, steady | vs hand-written | events/s per core, whole run | vs hand-written |
                |---|---|---:|---:|---:|---:|---:|---:|
                %s
                Event → online-store latency (fsc-shaped job, heap state, embedded store, 5 s checkpoints, %,d events/s;
                each tile write's wall-clock time minus the newest event time it holds):

                | events produced | tile writes | p50 ms | p99 ms | p99.9 ms | max ms |
                |---|---:|---:|---:|---:|---:|
                | steady state: %d s, after the start-up below | %,d | %,d | %,d | %,d | %,d |
                | start-up: the first %d s after the job reports running | %,d | %,d | %,d | %,d | %,d |

                Goal p99 < 2 s in the steady state: **%s**. After the job started, every later second of events had a p99
                under %,d ms from second %d on (JIT warm-up, consumer-group join and the first checkpoints, then catching up).

                Machine: %d cores, Java %s, load average %.1f at the end of the run (above 2, other processes shared
                the cores: wall-clock rates suffer most, CPU-second rates least).
                """, events, rows, rate, seconds, lat.steady().writes(), lat.steady().p50(), lat.steady().p99(), lat.steady().p999(),
                lat.steady().max(), START_UP_SECONDS, lat.startUp().writes(), lat.startUp().p50(), lat.startUp().p99(),
                lat.startUp().p999(), lat.startUp().max(), lat.steady().p99() < 2000 ? "met" : "missed", CAUGHT_UP_MILLIS,
                lat.catchUpSeconds(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void log(String s) {
        System.err.println("bench/stream: " + s);
    }
}
