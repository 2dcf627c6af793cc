package dev.fsc.common.online;

import java.util.Locale;
import java.util.Objects;

/**
 * The type of one tile state column, as the view descriptor names it: {@code BIGINT INT SMALLINT
 * TINYINT DOUBLE FLOAT DECIMAL(p,s) STRING BOOLEAN TIMESTAMP DATE}, {@code SKETCH} (a DataSketches
 * HLL sketch) or {@code LAST<T>} (a {@link LastValue} of T). It decides the Java value a column
 * decodes to ({@link StateValues}).
 */
public record StateType(Base base, String text, StateType element) {

    /** The families the codec and the merge distinguish. */
    public enum Base { INTEGER, FLOATING, DECIMAL, STRING, BOOLEAN, TIMESTAMP, DATE, SKETCH, LAST }

    public StateType {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(text, "text");
        if ((base == Base.LAST) != (element != null)) {
            throw new IllegalArgumentException("only LAST<T> has an element type: " + text);
        }
    }

    /** Parses a descriptor type string. */
    public static StateType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("LAST<") && t.endsWith(">")) {
            return new StateType(Base.LAST, t, parse(t.substring(5, t.length() - 1)));
        }
        Base base = switch (t.replaceAll("\\(.*\\)$", "")) {
            case "BIGINT", "INT", "INTEGER", "SMALLINT", "TINYINT" -> Base.INTEGER;
            case "DOUBLE", "FLOAT" -> Base.FLOATING;
            case "DECIMAL" -> Base.DECIMAL;
            case "STRING", "VARCHAR" -> Base.STRING;
            case "BOOLEAN" -> Base.BOOLEAN;
            case "TIMESTAMP" -> Base.TIMESTAMP;
            case "DATE" -> Base.DATE;
            case "SKETCH" -> Base.SKETCH;
            default -> throw new IllegalArgumentException("unknown tile state type \"" + text + "\"");
        };
        return new StateType(base, t, null);
    }

    @Override
    public String toString() {
        return text;
    }
}
