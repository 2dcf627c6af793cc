package dev.fsc.e2e.oracle;

import java.util.HashMap;
import java.util.Map;

/** Builds the rows of query views and spines (which may hold NULLs, unlike {@code Map.of}). */
final class Rows {
    private Rows() {
    }

    /** {@code of("a", 1L, "b", null)} → {a=1, b=NULL}. */
    static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
