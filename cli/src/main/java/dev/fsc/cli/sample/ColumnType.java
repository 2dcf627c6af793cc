package dev.fsc.cli.sample;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's SQL type as the generator needs it: its kind and, where they matter, precision, scale
 * and length. Parsed from Calcite's full spelling ({@code DECIMAL(12, 2)}, {@code TIMESTAMP(3)}).
 */
record ColumnType(Kind kind, String name, int precision, int scale) {
    enum Kind { BOOLEAN, INTEGER, DECIMAL, FLOATING, STRING, DATE, TIME, TIMESTAMP, OTHER }

    private static final Pattern SPELLING = Pattern.compile("([A-Z_ ]+?)\\s*(?:\\((\\d+)(?:\\s*,\\s*(-?\\d+))?\\))?(?:\\s.*)?");

    static ColumnType parse(String sqlType) {
        String text = sqlType.trim().toUpperCase(Locale.ROOT);
        Matcher m = SPELLING.matcher(text);
        if (!m.matches()) {
            return new ColumnType(Kind.OTHER, text, -1, 0);
        }
        String name = m.group(1).trim();
        int precision = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return switch (name) {
            case "BOOLEAN" -> new ColumnType(Kind.BOOLEAN, name, -1, 0);
            case "TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT" -> new ColumnType(Kind.INTEGER, name, -1, 0);
            case "DECIMAL", "NUMERIC", "DEC" -> new ColumnType(Kind.DECIMAL, "DECIMAL", precision < 0 ? 19 : precision, scale);
            case "DOUBLE", "FLOAT", "REAL", "DOUBLE PRECISION" -> new ColumnType(Kind.FLOATING, name, -1, 0);
            case "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "CHAR VARYING" ->
                    new ColumnType(Kind.STRING, name, precision, 0);
            case "DATE" -> new ColumnType(Kind.DATE, name, -1, 0);
            case "TIME" -> new ColumnType(Kind.TIME, name, precision < 0 ? 0 : precision, 0);
            default -> name.startsWith("TIMESTAMP")
                    ? new ColumnType(Kind.TIMESTAMP, name, precision < 0 ? 3 : precision, 0)
                    : new ColumnType(Kind.OTHER, name, precision, scale);
        };
    }

    /** Ids and categorical codes: the types a key domain can hold. */
    boolean isKeyKind() {
        return kind == Kind.INTEGER || kind == Kind.STRING;
    }

    /** The largest value an integer column holds. */
    long maxInteger() {
        return switch (name) {
            case "TINYINT" -> Byte.MAX_VALUE;
            case "SMALLINT" -> Short.MAX_VALUE;
            case "INTEGER", "INT" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** The longest string a VARCHAR(n) or CHAR(n) column holds, or -1 for unbounded. */
    int maxLength() {
        return kind == Kind.STRING ? precision : -1;
    }
}
