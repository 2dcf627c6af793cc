package dev.fsc.compiler.sql;

/**
 * Flink SQL's name for a Calcite SQL type. Flink reads a bare {@code VARCHAR} as {@code VARCHAR(1)}, so
 * every character type becomes {@code STRING}; timestamps are {@code TIMESTAMP(3)} (milliseconds, as the
 * spec's event times and Kafka timestamps are).
 */
public final class FlinkTypes {
    private FlinkTypes() {
    }

    /** @param calciteType e.g. {@code DECIMAL(12, 2)}, {@code VARCHAR}, {@code TIMESTAMP(3) NOT NULL} (nullability is dropped) */
    public static String of(String calciteType) {
        TypeName type = TypeName.parse(calciteType);
        String name = type.name();
        return switch (name) {
            case "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "STRING" -> "STRING";
            case "INTEGER", "INT" -> "INT";
            case "TINYINT", "SMALLINT", "BIGINT", "BOOLEAN", "DATE", "DOUBLE" -> name;
            case "REAL", "FLOAT" -> "FLOAT";
            case "TIMESTAMP" -> "TIMESTAMP(3)";
            case "BINARY", "VARBINARY" -> "BYTES";
            case "DECIMAL", "NUMERIC" -> "DECIMAL(" + type.decimalDigits(", ") + ")";
            default -> throw new IllegalArgumentException("no Flink type for SQL type " + calciteType);
        };
    }
}
