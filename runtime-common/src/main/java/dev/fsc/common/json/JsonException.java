package dev.fsc.common.json;

/** Malformed JSON text, with the 1-based line and column where reading stopped. */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    JsonException(int line, int column, String reason) {
        super(line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 1-based line of the offending character. */
    public int line() {
        return line;
    }

    /** 1-based column (in UTF-16 chars) of the offending character. */
    public int column() {
        return column;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
