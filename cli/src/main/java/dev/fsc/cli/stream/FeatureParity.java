package dev.fsc.cli.stream;

import dev.fsc.common.json.Json;
import dev.fsc.common.online.ViewDescriptor;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Feature values of one view at probed (key, t), served by the read path from the streamed online store and
 * from the batch path's tile tables, compared probe for probe.
 *
 * <p>Probes: every key of the batch tiles × a spread of times, each the last millisecond of a tile of the
 * view's largest tile size — where the read path's whole-tile head equals the batch definition
 * {@code floor_g(t − W) <= event_time <= t} — plus, for each window W, the last probe a tile is inside W and
 * the first it has left it (window edges).
 *
 * @param view the view
 * @param probes probes asked
 * @param matching probes whose every feature is equal
 * @param examples a few differences, readable
 */
record FeatureParity(String view, int probes, int matching, List<String> examples) {
    private static final int SPREAD = 12;
    private static final int EXAMPLES = 5;
    private static final BigDecimal DOUBLE_TOLERANCE = new BigDecimal("1e-12");

    FeatureParity {
        examples = List.copyOf(examples);
    }

    /** Writes the probes of {@code view} from its batch tile exports in {@code batchTiles}; returns how many. */
    static int writeProbes(ViewDescriptor view, Path batchTiles, Path probes) throws IOException {
        long g = view.tiles().stream().mapToLong(ViewDescriptor.TileLayout::tileMillis).max().orElseThrow();
        TreeSet<String> keys = new TreeSet<>();
        Map<String, List<Object>> keyValues = new LinkedHashMap<>();
        TreeSet<Long> ends = new TreeSet<>();
        for (ViewDescriptor.TileLayout layout : view.tiles()) {
            Path file = batchTiles.resolve(layout.table() + ".jsonl");
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> row = Json.parseObject(line);
                List<Object> key = new ArrayList<>();
                view.keys().forEach(k -> key.add(row.get(k.name())));
                String id = Json.write(key);
                keys.add(id);
                keyValues.putIfAbsent(id, key);
                long start = utcMillis(row.get("tile_start").toString());
                ends.add(Math.floorDiv(start, g) * g + g - 1);
            }
        }
        TreeSet<Long> times = new TreeSet<>();
        List<Long> sorted = new ArrayList<>(ends);
        int n = Math.min(SPREAD, sorted.size());
        for (int i = 0; i < n; i++) {
            long end = sorted.get(n == 1 ? 0 : (int) ((long) i * (sorted.size() - 1) / (n - 1)));
            times.add(end);
            for (ViewDescriptor.Feature f : view.features()) {
                f.windowMillis().ifPresent(w -> {
                    times.add(end + w);     // the tile ending at `end` is still inside W
                    times.add(end + w + g); // and has just left it
                });
            }
        }
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (String id : keys) {
            for (long t : times) {
                out.append(Json.write(Map.of("keys", keyValues.get(id), "t", t)).replaceAll("\\n\\s*", " ")).append('\n');
                count++;
            }
        }
        Files.createDirectories(probes.getParent());
        Files.writeString(probes, out, StandardCharsets.UTF_8);
        return count;
    }

    /** Compares the read path's answers (one JSON line per probe, in probe order) from both sides. */
    static FeatureParity of(String view, Path batch, Path stream) throws IOException {
        List<String> b = nonBlank(batch);
        List<String> s = nonBlank(stream);
        if (b.size() != s.size()) {
            return new FeatureParity(view, Math.max(b.size(), s.size()), 0,
                    List.of("the batch side answered " + b.size() + " probes, the stream side " + s.size()));
        }
        int matching = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            Map<String, Object> br = Json.parseObject(b.get(i));
            Map<String, Object> sr = Json.parseObject(s.get(i));
            String diff = difference((Map<?, ?>) br.get("features"), (Map<?, ?>) sr.get("features"));
            if (diff == null) {
                matching++;
            } else if (examples.size() < EXAMPLES) {
                examples.add("keys " + br.get("keys") + " t " + Instant.ofEpochMilli(((Number) br.get("t")).longValue()) + ": " + diff);
            }
        }
        return new FeatureParity(view, b.size(), matching, examples);
    }

    private static List<String> nonBlank(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    private static String difference(Map<?, ?> batch, Map<?, ?> stream) {
        for (Object feature : batch.keySet()) {
            if (!same(batch.get(feature), stream.get(feature))) {
                return feature + " batch=" + batch.get(feature) + " stream=" + stream.get(feature);
            }
        }
        return batch.keySet().equals(stream.keySet()) ? null : "features " + batch.keySet() + " vs " + stream.keySet();
    }

    /** Equal, or both numbers (doubles print as text) within a relative 1e-12: a double sum's rounding depends on its order. */
    private static boolean same(Object a, Object b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            BigDecimal scale = x.abs().max(y.abs());
            return x.compareTo(y) == 0 || x.subtract(y).abs().compareTo(scale.multiply(DOUBLE_TOLERANCE, MathContext.DECIMAL64)) <= 0;
        }
        return Objects.equals(a, b);
    }

    private static BigDecimal number(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof String s && !s.isEmpty() && (Character.isDigit(s.charAt(s.length() - 1)))) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static long utcMillis(String timestamp) {
        String s = timestamp.endsWith("Z") ? timestamp.substring(0, timestamp.length() - 1)
                : timestamp.endsWith("+00:00") ? timestamp.substring(0, timestamp.length() - 6) : timestamp;
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
