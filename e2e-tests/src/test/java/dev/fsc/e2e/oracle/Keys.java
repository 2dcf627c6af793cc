package dev.fsc.e2e.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Composite key values as lists (which may hold NULLs, unlike {@code List.of}). */
final class Keys {
    private Keys() {
    }

    static List<Object> of(Map<String, Object> row, List<String> columns) {
        List<Object> key = new ArrayList<>(columns.size());
        for (String c : columns) {
            key.add(row.get(c));
        }
        return key;
    }

    /** SQL equality never holds for a NULL, so a key with a NULL matches nothing. */
    static boolean hasNull(List<Object> key) {
        for (Object v : key) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }
}
