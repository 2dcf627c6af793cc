package dev.fsc.compiler.model;

/** A named, typed column; {@code sqlType} is Calcite's full spelling, e.g. {@code DECIMAL(12, 2)}. */
public record Column(String name, String sqlType, boolean nullable) {
    /** The type as a user writes it: {@code BIGINT NOT NULL}. */
    public String typeText() {
        return sqlType + (nullable ? "" : " NOT NULL");
    }
}
