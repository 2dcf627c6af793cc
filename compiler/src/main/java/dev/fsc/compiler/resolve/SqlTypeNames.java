package dev.fsc.compiler.resolve;

import java.util.Locale;

/** Compares column type spellings without Calcite: case, spacing and NOT NULL do not matter for keys. */
final class SqlTypeNames {
    private SqlTypeNames() {
    }

    static String normalize(String type) {
        return type.toUpperCase(Locale.ROOT).replaceAll("\\s+NOT\\s+NULL\\s*$", "").replaceAll("\\s+", " ")
                .replaceAll(" ?([(),]) ?", "$1").trim();
    }

    static boolean isTimestamp(String type) {
        return normalize(type).startsWith("TIMESTAMP");
    }
}
