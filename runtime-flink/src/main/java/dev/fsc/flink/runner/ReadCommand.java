package dev.fsc.flink.runner;

import dev.fsc.common.json.Json;
import dev.fsc.common.online.ExportedTiles;
import dev.fsc.common.online.FeatureReader;
import dev.fsc.common.online.OnlineStore;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.flink.functions.HllSketches;
import dev.fsc.flink.online.OnlineStores;

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

/**
 * {@code read --descriptor <view.json> --store <uri> --key v1[,v2] [--key ...] --at <ISO instant|millis>}:
 * prints one JSON object per key, {@code {"keys": [...], "t": millis, "features": {...}}}, one per line.
 * {@code --probes FILE} reads many (key, t) at once instead (JSON lines {@code {"keys": [...], "t": millis}}),
 * {@code --tiles DIR} serves from exported offline tile tables ({@link ExportedTiles}) instead of a store,
 * {@code --out FILE} writes the lines to a file. The CLI calls this so it needs neither Redis nor Flink on
 * its own classpath.
 */
final class ReadCommand {
    static final String USAGE = "usage: java -jar fsc-flink-runner.jar read --descriptor FILE (--store URI | --tiles DIR)"
            + " (--key V1[,V2] [--key ...] --at TIME | --probes FILE) [--out FILE]";

    private ReadCommand() {
    }

    static void run(List<String> argList, PrintStream out) throws Exception {
        List<String> rest = new ArrayList<>(argList);
        Path descriptor = null;
        String store = null;
        String at = null;
        Path tiles = null;
        Path probes = null;
        Path outFile = null;
        List<List<String>> keys = new ArrayList<>();
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--descriptor" -> descriptor = Path.of(RunArgs.value(rest, a));
                case "--store" -> store = RunArgs.value(rest, a);
                case "--key" -> keys.add(Arrays.asList(RunArgs.value(rest, a).split(",", -1)));
                case "--at" -> at = RunArgs.value(rest, a);
                case "--tiles" -> tiles = Path.of(RunArgs.value(rest, a));
                case "--probes" -> probes = Path.of(RunArgs.value(rest, a));
                case "--out" -> outFile = Path.of(RunArgs.value(rest, a));
                default -> throw new RunArgs.UsageException("unexpected argument " + a);
            }
        }
        if (descriptor == null || (store == null) == (tiles == null)
                || (probes == null ? at == null || keys.isEmpty() : at != null || !keys.isEmpty())) {
            throw new RunArgs.UsageException("read needs --descriptor, one of --store or --tiles, and --key with --at or --probes");
        }
        ViewDescriptor view = ViewDescriptor.fromJson(Files.readString(descriptor));
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
             PrintStream lines = outFile == null ? null : new PrintStream(Files.newOutputStream(outFile), false, StandardCharsets.UTF_8)) {
            FeatureReader reader = new FeatureReader(s, new HllSketches());
            for (Probe p : asked) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("keys", new ArrayList<Object>(p.keys()));
                line.put("t", p.t());
                line.put("features", printable(reader.features(view, p.keys(), p.t())));
                (lines == null ? out : lines).println(Json.write(line).replaceAll("\\n\\s*", " "));
            }
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
