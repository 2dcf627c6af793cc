package dev.fsc.compiler.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spark SQL's name for a Calcite SQL type ({@code VARCHAR} is {@code STRING}, {@code TIMESTAMP(3)} is {@code TIMESTAMP}, ...). */
public final class SparkTypes {
    private static final Pattern TYPE = Pattern.compile("\\s*([A-Za-z ]+?)\\s*(\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(NOT NULL)?\\s*");

    private SparkTypes() {
    }

    /** @param calciteType e.g. {@code DECIMAL(12, 2)}, {@code VARCHAR}, {@code TIMESTAMP(3) NOT NULL} */
    public static String of(String calciteType) {
        Matcher m = TYPE.matcher(calciteType);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SQL type: " + calciteType);
        }
        String name = m.group(1).toUpperCase(Locale.ROOT);
        return switch (name) {
            case "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "STRING" -> "STRING";
            case "INTEGER", "INT" -> "INT";
            case "TINYINT", "SMALLINT", "BIGINT", "BOOLEAN", "DATE", "DOUBLE", "BINARY" -> name;
            case "REAL", "FLOAT" -> "FLOAT";
            case "TIMESTAMP" -> "TIMESTAMP";
            case "VARBINARY" -> "BINARY";
            case "DECIMAL", "NUMERIC" -> "DECIMAL(" + (m.group(3) == null ? "10" : m.group(3)) + ","
                    + (m.group(4) == null ? "0" : m.group(4)) + ")";
            default -> throw new IllegalArgumentException("no Spark type for SQL type " + calciteType);
        };
    }
}
