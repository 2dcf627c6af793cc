package dev.fsc.compiler.sql;

/** Spark SQL's name for a Calcite SQL type ({@code VARCHAR} is {@code STRING}, {@code TIMESTAMP(3)} is {@code TIMESTAMP}, ...). */
public final class SparkTypes {
    private SparkTypes() {
    }

    /** @param calciteType e.g. {@code DECIMAL(12, 2)}, {@code VARCHAR}, {@code TIMESTAMP(3) NOT NULL} */
    public static String of(String calciteType) {
        TypeName type = TypeName.parse(calciteType);
        String name = type.name();
        return switch (name) {
            case "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "STRING" -> "STRING";
            case "INTEGER", "INT" -> "INT";
            case "TINYINT", "SMALLINT", "BIGINT", "BOOLEAN", "DATE", "DOUBLE", "BINARY" -> name;
            case "REAL", "FLOAT" -> "FLOAT";
            case "TIMESTAMP" -> "TIMESTAMP";
            case "VARBINARY" -> "BINARY";
            case "DECIMAL", "NUMERIC" -> "DECIMAL(" + type.decimalDigits(",") + ")";
            default -> throw new IllegalArgumentException("no Spark type for SQL type " + calciteType);
        };
    }
}
