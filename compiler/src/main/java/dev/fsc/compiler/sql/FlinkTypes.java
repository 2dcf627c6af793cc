package dev.fsc.compiler.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink SQL's name for a Calcite SQL type. Flink reads a bare {@code VARCHAR} as {@code VARCHAR(1)}, so
 * every character type becomes {@code STRING}; timestamps are {@code TIMESTAMP(3)} (milliseconds, as the
 * spec's event times and Kafka timestamps are).
 */
public final class FlinkTypes {
    private static final Pattern TYPE = Pattern.compile("\\s*([A-Za-z ]+?)\\s*(\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(NOT NULL)?\\s*");

    private FlinkTypes() {
    }

    /** @param calciteType e.g. {@code DECIMAL(12, 2)}, {@code VARCHAR}, {@code TIMESTAMP(3) NOT NULL} (nullability is dropped) */
    public static String of(String calciteType) {
        Matcher m = TYPE.matcher(calciteType);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SQL type: " + calciteType);
        }
        String name = m.group(1).toUpperCase(Locale.ROOT);
        return switch (name) {
            case "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "STRING" -> "STRING";
            case "INTEGER", "INT" -> "INT";
            case "TINYINT", "SMALLINT", "BIGINT", "BOOLEAN", "DATE", "DOUBLE" -> name;
            case "REAL", "FLOAT" -> "FLOAT";
            case "TIMESTAMP" -> "TIMESTAMP(3)";
            case "BINARY", "VARBINARY" -> "BYTES";
            case "DECIMAL", "NUMERIC" -> "DECIMAL(" + (m.group(3) == null ? "10" : m.group(3)) + ", "
                    + (m.group(4) == null ? "0" : m.group(4)) + ")";
            default -> throw new IllegalArgumentException("no Flink type for SQL type " + calciteType);
        };
    }
}
