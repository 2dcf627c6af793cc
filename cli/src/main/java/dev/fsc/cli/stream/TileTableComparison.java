package dev.fsc.cli.stream;

import dev.fsc.common.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One tile table as the batch path and the streaming path wrote it, compared row for row by (keys,
 * tile_start): both exported as JSON lines by Spark. The engines store timestamps with and without a zone
 * (Spark {@code timestamptz}, Flink {@code timestamp}), both UTC: the comparison reads them as the same
 * instant. Integers, decimals, strings and {@code last} structs must be equal, sketches must hold the same
 * items ({@link SketchContent}: the bytes of a small sketch depend on the order items came in);
 * doubles (avg sums) may differ in the last bits, as a sum's rounding depends on its order, so they match
 * within a relative 1e-12.
 *
 * @param table the tile table
 * @param batchRows rows the batch path wrote
 * @param streamRows rows the streaming path wrote
 * @param rows distinct (keys, tile_start) in either
 * @param matching rows equal in both
 * @param examples a few differences, readable
 */
record TileTableComparison(String table, int batchRows, int streamRows, int rows, int matching, List<String> examples) {
    private static final int EXAMPLES = 5;
    private static final BigDecimal DOUBLE_TOLERANCE = new BigDecimal("1e-12");

    TileTableComparison {
        examples = List.copyOf(examples);
    }

    boolean identical() {
        return matching == batchRows && matching == streamRows;
    }

    /** Compares the two exports; {@code keys} are the entity key columns. */
    static TileTableComparison of(String table, List<String> keys, Path batch, Path stream) throws IOException {
        Map<String, Map<String, Object>> b = read(batch, keys);
        Map<String, Map<String, Object>> s = read(stream, keys);
        int matching = 0;
        List<String> examples = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(b.keySet());
        all.addAll(s.keySet());
        for (String key : all) {
            Map<String, Object> br = b.get(key);
            Map<String, Object> sr = s.get(key);
            String diff = br == null ? "only in stream" : sr == null ? "only in batch" : difference(br, sr);
            if (diff == null) {
                matching++;
            } else if (examples.size() < EXAMPLES) {
                examples.add(key + ": " + diff);
            }
        }
        return new TileTableComparison(table, b.size(), s.size(), all.size(), matching, examples);
    }

    private static Map<String, Map<String, Object>> read(Path file, List<String> keys) throws IOException {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            Json.parseObject(line).forEach((column, value) -> row.put(column, normalized(value)));
            List<Object> id = new ArrayList<>();
            keys.forEach(k -> id.add(row.get(k)));
            id.add(row.get("tile_start"));
            rows.put(id.toString(), row);
        }
        return rows;
    }

    /** Timestamps with or without a UTC zone suffix read the same. */
    private static Object normalized(Object value) {
        if (value instanceof String s && s.length() >= 19 && s.charAt(10) == 'T') {
            return s.endsWith("Z") ? s.substring(0, s.length() - 1) : s.endsWith("+00:00") ? s.substring(0, s.length() - 6) : s;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k.toString(), normalized(v)));
            return out;
        }
        return value;
    }

    /** The first column that differs, or null when the rows match. */
    private static String difference(Map<String, Object> batch, Map<String, Object> stream) {
        TreeSet<String> columns = new TreeSet<>(batch.keySet());
        columns.addAll(stream.keySet());
        for (String c : columns) {
            Object b = batch.get(c);
            Object s = stream.get(c);
            if (c.endsWith("__sketch") && b instanceof String bs && s instanceof String ss) {
                b = SketchContent.of(bs);
                s = SketchContent.of(ss);
            }
            if (!same(b, s)) {
                return c + " batch=" + batch.get(c) + " stream=" + stream.get(c);
            }
        }
        return null;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return ma.keySet().equals(mb.keySet()) && ma.keySet().stream().allMatch(k -> same(ma.get(k), mb.get(k)));
        }
        if (a instanceof Number na && b instanceof Number nb) {
            BigDecimal x = new BigDecimal(na.toString());
            BigDecimal y = new BigDecimal(nb.toString());
            if (x.compareTo(y) == 0) {
                return true;
            }
            BigDecimal scale = x.abs().max(y.abs());
            return x.subtract(y).abs().compareTo(scale.multiply(DOUBLE_TOLERANCE, MathContext.DECIMAL64)) <= 0;
        }
        return Objects.equals(a, b);
    }
}
