package dev.fsc.flink.runner;

import dev.fsc.common.json.Json;
import dev.fsc.common.online.FeatureReader;
import dev.fsc.common.online.OnlineStore;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.flink.functions.HllSketches;
import dev.fsc.flink.online.OnlineStores;

import java.io.PrintStream;
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
 * The CLI calls this so it needs neither Redis nor Flink on its own classpath.
 */
final class ReadCommand {
    static final String USAGE = "usage: java -jar fsc-flink-runner.jar read --descriptor FILE --store URI --key V1[,V2] [--key ...] --at TIME";

    private ReadCommand() {
    }

    static void run(List<String> argList, PrintStream out) throws Exception {
        List<String> rest = new ArrayList<>(argList);
        Path descriptor = null;
        String store = null;
        String at = null;
        List<List<String>> keys = new ArrayList<>();
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--descriptor" -> descriptor = Path.of(RunArgs.value(rest, a));
                case "--store" -> store = RunArgs.value(rest, a);
                case "--key" -> keys.add(Arrays.asList(RunArgs.value(rest, a).split(",", -1)));
                case "--at" -> at = RunArgs.value(rest, a);
                default -> throw new RunArgs.UsageException("unexpected argument " + a);
            }
        }
        if (descriptor == null || store == null || at == null || keys.isEmpty()) {
            throw new RunArgs.UsageException("read needs --descriptor, --store, --key and --at");
        }
        ViewDescriptor view = ViewDescriptor.fromJson(Files.readString(descriptor));
        long t = at.chars().allMatch(Character::isDigit) ? Long.parseLong(at) : Instant.parse(at).toEpochMilli();
        try (OnlineStore s = OnlineStores.open(store, "reader")) {
            FeatureReader reader = new FeatureReader(s, new HllSketches());
            for (List<String> key : keys) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("keys", new ArrayList<Object>(key));
                line.put("t", t);
                line.put("features", printable(reader.features(view, key, t)));
                out.println(Json.write(line).replaceAll("\\n\\s*", " "));
            }
        }
    }

    private static Map<String, Object> printable(Map<String, Object> features) {
        Map<String, Object> out = new LinkedHashMap<>();
        features.forEach((k, v) -> out.put(k, v == null || v instanceof Long || v instanceof Boolean
                || v instanceof String || v instanceof java.math.BigDecimal ? v : v.toString()));
        return out;
    }
}
