package dev.fsc.compiler.yaml;

import dev.fsc.compiler.source.SourcePos;

/**
 * A scalar with its resolved YAML 1.2 core type and its raw text, so that positions inside the
 * value (an SQL error at offset 12) map back to the file.
 */
public record YScalar(String value, ScalarType type, SourcePos pos, ScalarText text) implements YNode {

    /** The YAML 1.2 core schema types a plain scalar resolves to; quoted scalars are always strings. */
    public enum ScalarType { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    @Override
    public String describe() {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case FLOAT -> value.toLowerCase().matches("[-+]?\\.(inf|nan)") ? "`" + value + "` (not a finite number)" : "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "nothing (null)";
        };
    }

    /** The position of a span inside the value, e.g. of an SQL token. */
    public SourcePos posInValue(int offset, int length) {
        return text.pos(value, offset, length);
    }
}
