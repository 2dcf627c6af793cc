package dev.fsc.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import tools.jackson.databind.JsonNode;

/** Checks one generated JSON value against its column's type and checks (type, NOT NULL, enum, range). */
final class ValueAssertions {
    private static final java.util.regex.Pattern ISO = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private ValueAssertions() {
    }

    /** @param debezium CDC style: timestamps as epoch millis, dates as epoch days, decimals as strings */
    static void check(String line, ColumnRule rule, JsonNode value, boolean debezium) {
        String where = line + " " + rule.name();
        if (value == null) {
            fail(where + ": missing");
        }
        if (value.isNull()) {
            ok(rule.nullable(), () -> where + ": NULL in a column that is never NULL");
            return;
        }
        ColumnType type = rule.type();
        switch (type.kind()) {
            case BOOLEAN -> ok(value.isBoolean(), () -> where + ": not a boolean: " + value);
            case INTEGER -> {
                ok(value.isIntegralNumber(), () -> where + ": not an integer: " + value);
                ok(Math.abs(value.longValue()) <= type.maxInteger(), () -> where + ": out of the type's range: " + value);
                inRange(where, rule, BigDecimal.valueOf(value.longValue()));
            }
            case DECIMAL -> {
                ok(debezium ? value.isString() : value.isNumber() || value.isString(), () -> where + ": not a decimal: " + value);
                BigDecimal d = new BigDecimal(value.isString() ? value.asString() : value.decimalValue().toPlainString());
                ok(d.scale() <= type.scale(), () -> where + ": scale " + d.scale() + " > " + type.scale());
                ok(d.precision() - d.scale() <= type.precision() - type.scale(), () -> where + ": too many digits: " + d);
                inRange(where, rule, d);
            }
            case FLOATING -> {
                ok(value.isNumber(), () -> where + ": not a number: " + value);
                inRange(where, rule, value.decimalValue());
            }
            case STRING -> {
                ok(value.isString(), () -> where + ": not a string: " + value);
                ok(type.maxLength() < 0 || value.asString().length() <= type.maxLength(), () -> where + ": too long");
                if (!rule.accepted().isEmpty()) {
                    ok(rule.accepted().contains(value.asString()), () -> where + ": `" + value.asString() + "` is not one of " + rule.accepted());
                }
            }
            case TIMESTAMP -> {
                if (debezium) {
                    ok(value.isIntegralNumber(), () -> where + ": not epoch millis: " + value);
                } else {
                    ok(value.isString(), () -> where + ": not an ISO-8601 string: " + value);
                    String text = value.asString();
                    ok(ISO.matcher(text).matches(), () -> where + ": not ISO-8601 UTC with millis: " + text);
                    Instant.parse(text);
                }
            }
            case DATE -> {
                if (debezium) {
                    ok(value.isIntegralNumber(), () -> where + ": not epoch days: " + value);
                } else {
                    LocalDate.parse(value.asString());
                }
            }
            default -> ok(!value.isContainer(), () -> where + ": unexpected " + value);
        }
    }

    private static void ok(boolean condition, java.util.function.Supplier<String> message) {
        if (!condition) {
            fail(message.get());
        }
    }

    private static void inRange(String where, ColumnRule rule, BigDecimal value) {
        rule.min().ifPresent(min -> ok(value.compareTo(min) >= 0, () -> where + ": " + value + " < min " + min));
        rule.max().ifPresent(max -> ok(value.compareTo(max) <= 0, () -> where + ": " + value + " > max " + max));
    }

    static long epochMillis(JsonNode value) {
        return value.isString() ? Instant.parse(value.asString()).toEpochMilli() : value.longValue();
    }

    static void sameFields(String where, java.util.List<String> expected, JsonNode object) {
        assertEquals(expected, new java.util.ArrayList<>(object.propertyNames()), where + ": fields");
    }
}
