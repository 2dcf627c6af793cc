package dev.fsc.common.online;

import dev.fsc.common.json.Json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The compact encoding of one tile's state in the online store: a one-line JSON array of the state
 * columns in descriptor order. Integers and floating values are JSON numbers, decimals strings (the
 * scale survives), timestamps epoch milliseconds, dates epoch days, sketches base64, {@code last}
 * states {@code [event_time millis, value]}, NULL {@code null}.
 */
public final class StateValues {
    private StateValues() {
    }

    /** Encodes decoded values ({@link #decode} types) as the stored text. */
    public static String encode(List<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(out, values.get(i));
        }
        return out.append(']').toString();
    }

    private static void write(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                // JSON has no NaN/Infinity: keep them as strings the decoder understands.
                out.append(Json.quote(Double.toString(d)));
            } else {
                out.append(Double.toString(d));
            }
        } else if (v instanceof BigDecimal d) {
            out.append(Json.quote(d.toPlainString()));
        } else if (v instanceof String s) {
            out.append(Json.quote(s));
        } else if (v instanceof Instant t) {
            out.append(t.toEpochMilli());
        } else if (v instanceof LocalDate d) {
            out.append(d.toEpochDay());
        } else if (v instanceof byte[] b) {
            out.append('"').append(Base64.getEncoder().encodeToString(b)).append('"');
        } else if (v instanceof LastValue l) {
            out.append('[').append(l.eventTime().toEpochMilli()).append(',');
            write(out, l.value());
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot encode a tile state value of " + v.getClass().getName());
        }
    }

    /** Decodes the stored text of a tile with these column types. */
    public static List<Object> decode(String text, List<StateType> types) {
        if (text.indexOf('"') < 0 && text.indexOf('[', 1) < 0) {
            return decodeScalars(text, types);
        }
        Object parsed = Json.parse(text);
        if (!(parsed instanceof List<?> list) || list.size() != types.size()) {
            throw new IllegalArgumentException("tile state does not match its " + types.size() + " columns: " + text);
        }
        List<Object> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            out.add(read(list.get(i), types.get(i)));
        }
        return out;
    }

    /**
     * The common case on the read path — numbers, booleans and NULLs only (no strings, no LAST pairs) — parsed
     * straight into their types, without the general JSON parser's BigDecimal for every fraction.
     */
    private static List<Object> decodeScalars(String text, List<StateType> types) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw new IllegalArgumentException("tile state is not a JSON array: " + text);
        }
        String body = trimmed.substring(1, trimmed.length() - 1).strip();
        String[] items = body.isEmpty() ? new String[0] : body.split(",", -1);
        if (items.length != types.size()) {
            throw new IllegalArgumentException("tile state does not match its " + types.size() + " columns: " + text);
        }
        List<Object> out = new ArrayList<>(types.size());
        try {
            for (int i = 0; i < items.length; i++) {
                String item = items[i].strip();
                out.add(item.equals("null") ? null : switch (types.get(i).base()) {
                    case INTEGER -> Long.parseLong(item);
                    case FLOATING -> Double.parseDouble(item);
                    case TIMESTAMP -> Instant.ofEpochMilli(Long.parseLong(item));
                    case DATE -> LocalDate.ofEpochDay(Long.parseLong(item));
                    case BOOLEAN -> switch (item) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        default -> throw new IllegalArgumentException("not a boolean: " + item);
                    };
                    default -> read(Json.parse(item), types.get(i));
                });
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tile state does not match its column types: " + text, e);
        }
        return out;
    }

    private static Object read(Object json, StateType type) {
        if (json == null) {
            return null;
        }
        return switch (type.base()) {
            case INTEGER, FLOATING, DECIMAL, STRING, BOOLEAN -> fromJsonScalar(json, type);
            case TIMESTAMP -> Instant.ofEpochMilli(((Number) json).longValue());
            case DATE -> LocalDate.ofEpochDay(((Number) json).longValue());
            case SKETCH -> Base64.getDecoder().decode((String) json);
            case LAST -> {
                List<?> pair = (List<?>) json;
                yield new LastValue(Instant.ofEpochMilli(((Number) pair.get(0)).longValue()),
                        read(pair.get(1), type.element()));
            }
        };
    }

    /**
     * A non-NULL parsed JSON value of a type that JSON holds the same way in the stored tile state and in an
     * exported tile row: numbers (non-finite doubles as strings), decimals (as text), strings and booleans.
     */
    static Object fromJsonScalar(Object json, StateType type) {
        return switch (type.base()) {
            case INTEGER -> ((Number) json).longValue();
            case FLOATING -> json instanceof String s ? Double.parseDouble(s) : ((Number) json).doubleValue();
            case DECIMAL -> new BigDecimal(json.toString());
            case STRING -> json.toString();
            case BOOLEAN -> (Boolean) json;
            default -> throw new IllegalArgumentException(type.text() + " is not stored as a JSON scalar");
        };
    }

    /** Orders two non-NULL values of one state type (numbers, strings, booleans, times, dates). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof BigDecimal && b instanceof BigDecimal)) {
            return a instanceof Long && b instanceof Long
                    ? Long.compare((Long) a, (Long) b)
                    : Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
