package dev.fsc.flink.it;

import dev.fsc.common.online.FeatureReader;
import dev.fsc.flink.online.RedisOnlineStore;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * bench/online (run by bench/online/run.sh): {@code features(view, keys, t)} on a real redis-server for 1, 10 and
 * 100 entities per request of a 100-feature view (48 hourly tiles per entity, merged at read time), against, on
 * the same server in the same run: the naive read (one {@code HGETALL} round trip per entity), the raw pipelined
 * {@code HGETALL}s alone (no decode, no merge: the client's floor), and {@code redis-benchmark} pipelining the
 * same number of {@code HGETALL}s on one connection (the server's ceiling). One client thread throughout.
 *
 * <p>Usage: {@code OnlineReadBench <work folder> <entities loaded> <requests per size>}.
 */
public final class OnlineReadBench {
    private static final int[] SIZES = {1, 10, 100};

    private OnlineReadBench() {
    }

    /** One way of answering a request for several entities. */
    private interface Reader {
        void read(List<Long> users);
    }

    /** Latency percentiles of one reader at one request size. */
    private record Measured(double p50Millis, double p99Millis, double entitiesPerSecond) {
    }

    public static void main(String[] a) throws Exception {
        Path work = Path.of(a[0]).toAbsolutePath();
        int entities = Integer.parseInt(a[1]);
        int requests = Integer.parseInt(a[2]);
        WideView view = WideView.of(25, 48, System.currentTimeMillis() / WideView.HOUR * WideView.HOUR);
        long t = view.lastTileStart() + WideView.HOUR - 1;
        try (RedisServer redis = RedisServer.start(work.resolve("redis"));
             RedisOnlineStore store = new RedisOnlineStore(URI.create(redis.uri(0)));
             RedisClient raw = redis.client(0)) {
            log("loading " + entities + " entities x " + view.tiles() + " tiles x "
                    + view.descriptor().features().size() + " features");
            view.load(store, entities, 7);
            FeatureReader reader = new FeatureReader(store, s -> {
                throw new IllegalStateException("no sketches in this view");
            });
            StringBuilder rows = new StringBuilder();
            for (int size : SIZES) {
                List<List<Long>> batches = requests(entities, size, requests);
                Measured fsc = measure(batches, size, users -> reader.featuresOfAll(view.descriptor(),
                        users.stream().map(List::of).toList(), t));
                Measured naive = measure(batches, size, users -> users.forEach(u ->
                        reader.features(view.descriptor(), List.of(u), t)));
                Measured floor = measure(batches, size, users -> {
                    try (AbstractPipeline p = raw.pipelined()) {
                        users.forEach(u -> p.hgetAll(view.key(u)));
                        p.sync();
                    }
                });
                Measured ceiling = redisBenchmark(redis.port, view.key(0), size, requests);
                rows.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %.2f× | %.2f× |%n", size,
                        cell(fsc), cell(naive), cell(floor), cell(ceiling),
                        naive.p50Millis() / fsc.p50Millis(), ceiling.entitiesPerSecond() / fsc.entitiesPerSecond()));
                log("size " + size + " done");
            }
            String md = report(view, entities, requests, rows.toString());
            Files.writeString(work.resolve("online.md"), md);
            System.out.print(md);
        }
    }

    private static List<List<Long>> requests(int entities, int size, int requests) {
        Random random = new Random(size);
        List<List<Long>> out = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            List<Long> users = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                users.add((long) random.nextInt(entities));
            }
            out.add(users);
        }
        return out;
    }

    /** Runs a tenth of the requests as warm-up (JIT), then times each of the rest. */
    private static Measured measure(List<List<Long>> batches, int size, Reader reader) {
        int warmup = batches.size() / 10;
        for (int i = 0; i < warmup; i++) {
            reader.read(batches.get(i));
        }
        long[] nanos = new long[batches.size() - warmup];
        long total = 0;
        for (int i = warmup; i < batches.size(); i++) {
            long start = System.nanoTime();
            reader.read(batches.get(i));
            nanos[i - warmup] = System.nanoTime() - start;
            total += nanos[i - warmup];
        }
        Arrays.sort(nanos);
        return new Measured(percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6,
                (double) nanos.length * size / (total / 1e9));
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** {@code redis-benchmark -c 1 -P size HGETALL key}: one connection, {@code size} commands per round trip. */
    private static Measured redisBenchmark(int port, String key, int size, int requests)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port), "-c", "1",
                "-P", Integer.toString(size), "-n", Integer.toString(Math.max(requests * size, 20_000)), "--csv",
                "HGETALL", key).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (p.waitFor() != 0 || lines.size() < 2) {
            throw new IOException("redis-benchmark failed:\n" + String.join("\n", lines));
        }
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        String[] f = lines.get(lines.size() - 1).replace("\"", "").split(",");
        double rps = Double.parseDouble(f[f.length - 7]);
        return new Measured(Double.parseDouble(f[f.length - 4]), Double.parseDouble(f[f.length - 2]), rps);
    }

    private static String cell(Measured m) {
        return String.format(Locale.ROOT, "%.3f / %.3f ms, %,.0f ent/s", m.p50Millis(), m.p99Millis(), m.entitiesPerSecond());
    }

    private static String report(WideView view, int entities, int requests, String rows) throws IOException, InterruptedException {
        return "# Online reads: fsc read path on Redis vs naive reads and redis-benchmark\n\n"
                + String.format(Locale.ROOT, "View: %d features over %d hourly tiles per entity (%d DOUBLE sums; windows 1 h, "
                        + "6 h, 24 h, 48 h), %,d entities in one local redis-server, %,d requests per size (a tenth of "
                        + "them warm-up), one client thread.%n%n", view.descriptor().features().size(), view.tiles(),
                        view.descriptor().layout(WideView.HOUR).columns().size() - 2, entities, requests)
                + "Cells: p50 / p99 latency of one request, entities per second.\n\n"
                + "| entities / request | fsc `featuresOfAll()` (pipelined read + merge) | naive: one round trip per entity "
                + "| raw pipelined HGETALL (no merge) | redis-benchmark -c 1 -P n (ceiling) | naive p50 / fsc p50 "
                + "| ceiling / fsc entities/s |\n|---:|---|---|---|---|---:|---:|\n" + rows + "\n"
                + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + firstLine("redis-server", "--version") + "; load at end: "
                + firstLine("cat", "/proc/loadavg") + "\n";
    }

    private static String firstLine(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        p.waitFor();
        return out.trim();
    }

    private static void log(String line) {
        System.err.println("bench/online: " + line);
    }
}
