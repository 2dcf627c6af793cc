package dev.fsc.e2e.oracle;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SQL semantics over plain Java values, as Spark and Calcite evaluate them: NULL is {@code null},
 * a BOOLEAN may be unknown ({@code null}), integers of every width are {@link Long}, DECIMAL is
 * {@link BigDecimal}, DOUBLE is {@link Double}, TIMESTAMP is {@link LocalDateTime} (UTC).
 *
 * <p>The hand-coded expressions of the examples are written with these helpers, one call per SQL
 * operator, so each reads like the spec's SQL.
 */
final class Sql {
    private Sql() {
    }

    // ---- comparison (NULL in → unknown out) ----

    static Boolean eq(Object a, Object b) {
        return a == null || b == null ? null : compare(a, b) == 0;
    }

    static Boolean ne(Object a, Object b) {
        return not(eq(a, b));
    }

    static Boolean lt(Object a, Object b) {
        return a == null || b == null ? null : compare(a, b) < 0;
    }

    static Boolean le(Object a, Object b) {
        return a == null || b == null ? null : compare(a, b) <= 0;
    }

    static Boolean gt(Object a, Object b) {
        return a == null || b == null ? null : compare(a, b) > 0;
    }

    static Boolean ge(Object a, Object b) {
        return a == null || b == null ? null : compare(a, b) >= 0;
    }

    /** {@code a IN (v1, v2, ...)} over a list without NULLs. */
    static Boolean in(Object a, Object... values) {
        if (a == null) {
            return null;
        }
        for (Object v : values) {
            if (compare(a, v) == 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code s LIKE 'prefix%'}. */
    static Boolean likePrefix(Object s, String prefix) {
        return s == null ? null : ((String) s).startsWith(prefix);
    }

    static boolean isNull(Object a) {
        return a == null;
    }

    static boolean isNotNull(Object a) {
        return a != null;
    }

    // ---- three-valued logic ----

    static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    static Boolean not(Boolean a) {
        return a == null ? null : !a;
    }

    /** What WHERE, CASE WHEN and FILTER keep: TRUE only, not unknown. */
    static boolean isTrue(Boolean condition) {
        return Boolean.TRUE.equals(condition);
    }

    /** {@code CASE WHEN condition THEN then ELSE otherwise END} (no ELSE: pass {@code null}). */
    static Object caseWhen(Boolean condition, Object then, Object otherwise) {
        return isTrue(condition) ? then : otherwise;
    }

    static Object coalesce(Object a, Object b) {
        return a != null ? a : b;
    }

    // ---- arithmetic and functions ----

    /** {@code CAST(x AS DOUBLE)}; a DECIMAL converts to the nearest double, as Spark's Decimal.toDouble. */
    static Double toDouble(Object x) {
        return x == null ? null : ((Number) x).doubleValue();
    }

    /** {@code a / b} over DOUBLE operands. */
    static Double divide(Double a, Double b) {
        return a == null || b == null ? null : a / b;
    }

    /** {@code a * b} over DOUBLE operands. */
    static Double times(Double a, Double b) {
        return a == null || b == null ? null : a * b;
    }

    /** {@code a - b} over DOUBLE operands. */
    static Double minus(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }

    /** {@code a - b} over integer operands. */
    static Long minus(Long a, Long b) {
        return a == null || b == null ? null : Math.subtractExact(a, b);
    }

    static Long abs(Long a) {
        return a == null ? null : Math.absExact(a);
    }

    /**
     * {@code TIMESTAMPDIFF(unit, start, end)}: whole units from start to end, truncated toward zero
     * (Spark: {@code ChronoUnit.between} on the local date-times; Calcite: the same).
     */
    static Long timestampDiff(ChronoUnit unit, Object start, Object end) {
        return start == null || end == null ? null : unit.between((LocalDateTime) start, (LocalDateTime) end);
    }

    /** {@code EXTRACT(HOUR FROM ts)}, UTC. */
    static Long hour(Object ts) {
        return ts == null ? null : (long) ((LocalDateTime) ts).getHour();
    }

    static String lower(Object s) {
        return s == null ? null : ((String) s).toLowerCase(Locale.ROOT);
    }

    static String upper(Object s) {
        return s == null ? null : ((String) s).toUpperCase(Locale.ROOT);
    }

    /** {@code CHAR_LENGTH(s)}: characters (code points), not bytes. */
    static Long charLength(Object s) {
        return s == null ? null : (long) ((String) s).codePointCount(0, ((String) s).length());
    }

    /** {@code sha2(s, 256)}: lowercase hex of the SHA-256 of the UTF-8 bytes. */
    static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Orders two non-NULL values of comparable SQL types. Numbers compare by value across widths: a
     * DOUBLE operand makes it a DOUBLE comparison (as SQL widens to DOUBLE), otherwise exact.
     */
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || y instanceof Double) {
                double dx = x.doubleValue();
                double dy = y.doubleValue();
                return dx < dy ? -1 : dx > dy ? 1 : 0;
            }
            if (x instanceof Long lx && y instanceof Long ly) {
                return Long.compare(lx, ly);
            }
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDateTime y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass().getSimpleName() + " " + a
                + " with " + b.getClass().getSimpleName() + " " + b);
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
    }
}
