package dev.fsc.cli.sample;

import dev.fsc.common.json.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * JSON text for generated values, written by hand so the bytes are fully determined: sample files use
 * ISO-8601 UTC timestamps with millis and decimals as numbers at their scale; Debezium envelopes use
 * epoch millis, epoch days and decimals as strings ({@code decimal.handling.mode=string}).
 */
final class JsonOut {
    enum Style { FILE, DEBEZIUM }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private JsonOut() {
    }

    static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    static void value(StringBuilder out, Object value, Style style) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            if (style == Style.DEBEZIUM) {
                string(out, d.toPlainString());
            } else {
                out.append(d.toPlainString());
            }
        } else if (value instanceof Double d) {
            String text = BigDecimal.valueOf(d).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            out.append(text.contains(".") ? text : text + ".0");
        } else if (value instanceof Instant t) {
            if (style == Style.DEBEZIUM) {
                out.append(t.toEpochMilli());
            } else {
                string(out, timestamp(t.toEpochMilli()));
            }
        } else if (value instanceof LocalDate d) {
            if (style == Style.DEBEZIUM) {
                out.append(d.toEpochDay());
            } else {
                string(out, d.toString());
            }
        } else if (value instanceof LocalTime t) {
            if (style == Style.DEBEZIUM) {
                out.append(t.toNanoOfDay() / 1_000_000);
            } else {
                string(out, t.toString());
            }
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, style);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, list.get(i), style);
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    /** A one-line object; {@code fields} must iterate in a fixed order (a LinkedHashMap). */
    static void object(StringBuilder out, Map<?, ?> fields, Style style) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, field.getKey().toString());
            out.append(':');
            value(out, field.getValue(), style);
        }
        out.append('}');
    }

    /** Indented JSON of maps, lists and scalars (for MANIFEST.json). */
    static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        pretty(out, value, "");
        return out.append('\n').toString();
    }

    private static void pretty(StringBuilder out, Object value, String indent) {
        String inner = indent + "  ";
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> field : map.entrySet()) {
                out.append(inner);
                string(out, field.getKey().toString());
                out.append(": ");
                pretty(out, field.getValue(), inner);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list && !list.isEmpty() && list.stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                pretty(out, list.get(i), inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            value(out, value, Style.FILE);
        }
    }

    static void string(StringBuilder out, String s) {
        out.append(Json.quote(s));
    }
}
