package dev.fsc.compiler.source;

import java.nio.file.Path;

/**
 * A 1-based line and column in a spec file, with the length of the token there (for underlining).
 * Every spec node carries one so diagnostics can point at it.
 */
public record SourcePos(Path file, int line, int column, int length) {
    public SourcePos {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
        }
        length = Math.max(1, length);
    }

    /** The start of a file: for problems with the file as a whole. */
    public static SourcePos startOf(Path file) {
        return new SourcePos(file, 1, 1, 1);
    }

    public SourcePos withLength(int newLength) {
        return new SourcePos(file, line, column, newLength);
    }
}
