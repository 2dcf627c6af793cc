package dev.fsc.flink.runner;

import dev.fsc.common.json.Json;
import dev.fsc.common.online.ExportedTiles;
import dev.fsc.common.online.FeatureReader;
import dev.fsc.common.online.OnlineStore;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.flink.functions.HllSketches;
import dev.fsc.flink.online.OnlineStores;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code read (--descriptor <view.json> | --view NAME) --store <uri> --key v1[,v2] [--key ...] --at <ISO instant|millis>}:
 * prints one JSON object per key, {@code {"keys": [...], "t": millis, "features": {...}}}, one per line.
 * {@code --view} reads the version of the view readers are served now ({@link dev.fsc.common.online.ServedViews})
 * and adds {@code "version"} to each line; {@code --every MILLIS} repeats the reads until standard input closes
 * (a reader polling through a deploy). {@code --probes FILE} reads many (key, t) at once instead (JSON lines
 * {@code {"keys": [...], "t": millis}}), {@code --tiles DIR} serves from exported offline tile tables
 * ({@link ExportedTiles}) instead of a store, {@code --out FILE} writes the lines to a file. The CLI calls this
 * so it needs neither Redis nor Flink on its own classpath.
 */
final class ReadCommand {
    static final String USAGE = "usage: java -jar fsc-flink-runner.jar read (--descriptor FILE | --view NAME) (--store URI | --tiles DIR)"
            + " (--key V1[,V2] [--key ...] --at TIME | --probes FILE) [--every MILLIS] [--out FILE]";

    private ReadCommand() {
    }

    static void run(List<String> argList, PrintStream out) throws Exception {
        List<String> rest = new ArrayList<>(argList);
        Path descriptor = null;
        String servedView = null;
        String store = null;
        String at = null;
        Path tiles = null;
        Path probes = null;
        Path outFile = null;
        long everyMillis = 0;
        List<List<String>> keys = new ArrayList<>();
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--descriptor" -> descriptor = Path.of(RunArgs.value(rest, a));
                case "--view" -> servedView = RunArgs.value(rest, a);
                case "--store" -> store = RunArgs.value(rest, a);
                case "--key" -> keys.add(Arrays.asList(RunArgs.value(rest, a).split(",", -1)));
                case "--at" -> at = RunArgs.value(rest, a);
                case "--tiles" -> tiles = Path.of(RunArgs.value(rest, a));
                case "--probes" -> probes = Path.of(RunArgs.value(rest, a));
                case "--out" -> outFile = Path.of(RunArgs.value(rest, a));
                case "--every" -> everyMillis = positive(RunArgs.value(rest, a));
                default -> throw new RunArgs.UsageException("unexpected argument " + a);
            }
        }
        if ((descriptor == null) == (servedView == null) || (store == null) == (tiles == null)
                || (servedView != null && tiles != null)
                || (probes == null ? at == null || keys.isEmpty() : at != null || !keys.isEmpty())) {
            throw new RunArgs.UsageException("read needs one of --descriptor or --view, one of --store or --tiles (--view: --store),"
                    + " and --key with --at or --probes");
        }
        ViewDescriptor view = descriptor == null ? null : ViewDescriptor.fromJson(Files.readString(descriptor));
        List<Probe> asked = new ArrayList<>();
        if (probes != null) {
            for (String line : Files.readAllLines(probes, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Map<String, Object> p = Json.parseObject(line);
                    asked.add(new Probe((List<?>) p.get("keys"), ((Number) p.get("t")).longValue()));
                }
            }
        } else {
            long t = at.chars().allMatch(Character::isDigit) ? Long.parseLong(at) : Instant.parse(at).toEpochMilli();
            keys.forEach(k -> asked.add(new Probe(k, t)));
        }
        try (OnlineStore s = tiles != null ? new ExportedTiles(view, tiles) : OnlineStores.open(store, "reader");
             PrintStream lines = outFile == null ? null : new PrintStream(Files.newOutputStream(outFile), true, StandardCharsets.UTF_8)) {
            FeatureReader reader = new FeatureReader(s, new HllSketches());
            PrintStream target = lines == null ? out : lines;
            StandardInput input = everyMillis > 0 ? StandardInput.watch() : null;
            do {
                for (Probe p : asked) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("keys", new ArrayList<Object>(p.keys()));
                    line.put("t", p.t());
                    if (view != null) {
                        line.put("features", printable(reader.features(view, p.keys(), p.t())));
                    } else {
                        Optional<FeatureReader.Served> served = reader.servedFeaturesOfAll(servedView, List.of(p.keys()), p.t());
                        line.put("version", served.map(FeatureReader.Served::version).orElse(null));
                        line.put("features", served.map(f -> printable(f.features().get(0))).orElse(null));
                    }
                    target.println(Json.write(line).replaceAll("\\n\\s*", " "));
                }
                target.flush();
            } while (input != null && input.pausedFor(everyMillis));
        }
    }

    private static long positive(String millis) throws RunArgs.UsageException {
        try {
            long v = Long.parseLong(millis);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RunArgs.UsageException("--every needs a positive number of milliseconds, got " + millis);
    }

    /** Standard input watched for its end: a polling reader runs until whoever started it closes its input. */
    private static final class StandardInput {
        private final CountDownLatch closed = new CountDownLatch(1);

        static StandardInput watch() {
            StandardInput in = new StandardInput();
            Thread t = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the content is not used
                    }
                } catch (IOException e) {
                    // a broken input ends the reads just the same
                }
                in.closed.countDown();
            }, "stdin-watch");
            t.setDaemon(true);
            t.start();
            return in;
        }

        /** Waits {@code millis}; false once the input has closed. */
        boolean pausedFor(long millis) throws InterruptedException {
            return !closed.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    private record Probe(List<?> keys, long t) {
    }

    private static Map<String, Object> printable(Map<String, Object> features) {
        Map<String, Object> out = new LinkedHashMap<>();
        features.forEach((k, v) -> out.put(k, v == null || v instanceof Long || v instanceof Boolean
                || v instanceof String || v instanceof java.math.BigDecimal ? v : v.toString()));
        return out;
    }
}
