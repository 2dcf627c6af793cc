package dev.fsc.e2e;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares dataset rows from Spark (exported JSON lines) with the oracle's, value by value. Rows are
 * matched by their identifying columns (spine time, keys, carried columns); numbers compare numerically,
 * doubles to 1e-9 relative, approximate distinct counts within the sketch's error.
 */
final class RowComparison {
    private final List<String> identity;
    private final Set<String> approximate;
    private final Set<String> ignored;

    /**
     * @param identity columns that identify a row
     * @param approximate columns computed with a sketch (count_distinct): within 3 % or 1
     * @param ignored columns not compared (e.g. labels when future events were planted)
     */
    RowComparison(List<String> identity, Set<String> approximate, Set<String> ignored) {
        this.identity = List.copyOf(identity);
        this.approximate = Set.copyOf(approximate);
        this.ignored = Set.copyOf(ignored);
    }

    /** Every difference, as readable lines; empty when the row sets agree. */
    List<String> differences(List<Map<String, Object>> spark, List<Map<String, Object>> oracle) {
        List<String> out = new ArrayList<>();
        Map<String, List<Map<String, Object>>> expected = byIdentity(oracle);
        Map<String, List<Map<String, Object>>> actual = byIdentity(spark);
        for (Map.Entry<String, List<Map<String, Object>>> e : expected.entrySet()) {
            List<Map<String, Object>> got = actual.getOrDefault(e.getKey(), List.of());
            if (got.size() != e.getValue().size()) {
                out.add("row " + e.getKey() + ": oracle has " + e.getValue().size() + ", spark " + got.size());
                continue;
            }
            for (int i = 0; i < got.size(); i++) {
                compare(e.getKey(), got.get(i), e.getValue().get(i), out);
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                out.add("row " + key + ": only in spark");
            }
        }
        return out;
    }

    private void compare(String row, Map<String, Object> spark, Map<String, Object> oracle, List<String> out) {
        for (Map.Entry<String, Object> e : oracle.entrySet()) {
            String column = e.getKey();
            if (ignored.contains(column)) {
                continue;
            }
            if (!spark.containsKey(column)) {
                out.add("row " + row + ": column " + column + " missing in spark output");
                continue;
            }
            Object want = e.getValue();
            Object got = spark.get(column);
            if (!same(column, got, want)) {
                out.add("row " + row + ": " + column + " spark=" + got + " oracle=" + want);
            }
        }
    }

    private boolean same(String column, Object got, Object want) {
        if (got == null || want == null) {
            return got == null && want == null;
        }
        if (want instanceof LocalDateTime t) {
            return t.equals(timestamp(got));
        }
        if (want instanceof Number w && got instanceof Number g) {
            BigDecimal a = new BigDecimal(g.toString());
            BigDecimal b = new BigDecimal(w.toString());
            if (approximate.contains(column)) {
                return a.subtract(b).abs().compareTo(b.abs().multiply(new BigDecimal("0.03")).max(BigDecimal.ONE)) <= 0;
            }
            if (want instanceof Double || got instanceof Double) {
                double x = a.doubleValue();
                double y = b.doubleValue();
                return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
            }
            return a.compareTo(b) == 0;
        }
        return normal(got).equals(normal(want));
    }

    private static Object normal(Object v) {
        return v instanceof Number || v instanceof Boolean ? v.toString() : String.valueOf(v);
    }

    static LocalDateTime timestamp(Object value) {
        String text = value.toString();
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(text).toLocalDateTime();
        }
        return LocalDateTime.parse(text);
    }

    private Map<String, List<Map<String, Object>>> byIdentity(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            StringBuilder key = new StringBuilder();
            for (String c : identity) {
                Object v = row.get(c);
                key.append(c).append('=').append(v == null ? "null" : v instanceof LocalDateTime t ? t.toString()
                        : c.equals(identity.get(0)) ? timestamp(v).toString() : normal(v)).append(' ');
            }
            out.computeIfAbsent(key.toString().strip(), k -> new ArrayList<>()).add(row);
        }
        // rows with the same identity: compare in a stable order
        out.values().forEach(list -> list.sort((a, b) -> new HashMap<>(a).toString().compareTo(new HashMap<>(b).toString())));
        return out;
    }
}
