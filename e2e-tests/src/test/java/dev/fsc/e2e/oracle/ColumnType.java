package dev.fsc.e2e.oracle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A declared column type and how a raw JSON value is read as it (docs/batch-semantics.md §2, step
 * 1). Values come out as the oracle represents them: every integer width as {@link Long}, DECIMAL
 * as {@link BigDecimal} at the declared scale, TIMESTAMP as a UTC {@link LocalDateTime} in
 * milliseconds, DATE as {@link LocalDate}.
 */
record ColumnType(Kind kind, int precision, int scale) {
    enum Kind { BIGINT, INT, DOUBLE, DECIMAL, VARCHAR, BOOLEAN, TIMESTAMP, DATE }

    static final ColumnType BIGINT = new ColumnType(Kind.BIGINT, 0, 0);
    static final ColumnType INT = new ColumnType(Kind.INT, 0, 0);
    static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
    static final ColumnType VARCHAR = new ColumnType(Kind.VARCHAR, 0, 0);
    static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
    static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0);
    static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);

    static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** A raw value that does not read as the declared type: the record goes to quarantine. */
    static final class CannotRead extends Exception {
        CannotRead(Object raw, ColumnType type) {
            super("cannot read '" + raw + "' as " + type.kind(), null, false, false);
        }
    }

    /**
     * Reads a raw JSON value (as {@code Json.parse} returns it). Debezium envelopes ({@code
     * debezium}) carry TIMESTAMP as epoch milliseconds and DATE as epoch days; stream and batch
     * records carry both as ISO-8601 text. NULL reads as NULL.
     */
    Object read(Object raw, boolean debezium) throws CannotRead {
        if (raw == null) {
            return null;
        }
        Object value = switch (kind) {
            case BIGINT -> raw instanceof Long ? raw : null;
            case INT -> raw instanceof Long l && l == l.intValue() ? raw : null;
            case DOUBLE -> raw instanceof Long || raw instanceof BigDecimal ? ((Number) raw).doubleValue() : null;
            case DECIMAL -> readDecimal(raw);
            case VARCHAR -> raw instanceof String ? raw : null;
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case TIMESTAMP -> debezium ? (raw instanceof Long ms ? Times.timestamp(ms) : null) : readTimestamp(raw);
            case DATE -> debezium ? (raw instanceof Long days ? LocalDate.ofEpochDay(days) : null) : readDate(raw);
        };
        if (value == null) {
            throw new CannotRead(raw, this);
        }
        return value;
    }

    /** From a JSON number or string, rounded half-up to the scale; too many digits do not read. */
    private BigDecimal readDecimal(Object raw) {
        BigDecimal d;
        if (raw instanceof Long l) {
            d = BigDecimal.valueOf(l);
        } else if (raw instanceof BigDecimal b) {
            d = b;
        } else if (raw instanceof String s) {
            try {
                d = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        BigDecimal scaled = d.setScale(scale, RoundingMode.HALF_UP);
        return scaled.precision() - scaled.scale() > precision - scale ? null : scaled;
    }

    /**
     * ISO-8601 in UTC, e.g. {@code 2026-10-01T12:34:56.789}, optionally with {@code Z} or an offset
     * (converted to UTC); digits beyond the millisecond are truncated (TIMESTAMP(3)).
     */
    private static LocalDateTime readTimestamp(Object raw) {
        if (!(raw instanceof String s)) {
            return null;
        }
        try {
            LocalDateTime utc;
            if (s.endsWith("Z")) {
                utc = LocalDateTime.parse(s.substring(0, s.length() - 1));
            } else if (s.indexOf('+', 10) > 0 || s.indexOf('-', 10) > 0) {
                utc = OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } else {
                utc = LocalDateTime.parse(s);
            }
            return utc.truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate readDate(Object raw) {
        if (!(raw instanceof String s)) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
