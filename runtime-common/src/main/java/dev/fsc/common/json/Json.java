package dev.fsc.common.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) reader and deterministic writer over plain Java values, so that the
 * compiler, the CLI and the runtimes can exchange files without sharing a JSON library (Spark and
 * Flink each bring their own Jackson).
 *
 * <p>Value mapping: object ↔ {@code Map<String, Object>} (a {@link LinkedHashMap} keeping the
 * text's key order when read), array ↔ {@code List<Object>}, string ↔ {@link String}, number ↔
 * {@link Long} when integral and in range, else {@link BigDecimal}, {@code true}/{@code false} ↔
 * {@link Boolean}, {@code null} ↔ {@code null}.
 *
 * <p>Reading is strict: no comments, trailing commas, single quotes, leading zeros, NaN, unescaped
 * control characters, duplicate keys or trailing content; errors carry line:column. Writing is
 * deterministic: 2-space indent, {@code "key": value}, keys in the map's iteration order, no
 * trailing newline.
 */
public final class Json {
    /** Deepest nesting accepted when reading, so hostile input cannot overflow the stack. */
    public static final int MAX_DEPTH = 256;

    private Json() {
    }

    /**
     * Parses one JSON value.
     *
     * @throws JsonException on malformed input, with the position of the first offending character
     */
    public static Object parse(String text) {
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.error("unexpected " + parser.describeCurrent() + " after the JSON value");
        }
        return value;
    }

    /** Parses a JSON text whose top-level value must be an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        if (!parser.atEnd() && parser.peek() != '{') {
            throw parser.error("expected a JSON object '{', found " + parser.describeCurrent());
        }
        return (Map<String, Object>) parse(text);
    }

    /**
     * Writes a value as indented JSON (see the class comment for the layout).
     *
     * @throws IllegalArgumentException for values outside the mapping (with the path to them), map
     *     keys that are not strings, and non-finite doubles
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value, 0, "$");
        return out.toString();
    }

    /** Writes a string as a JSON string literal (with quotes). */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(out, s);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value, int depth, String path) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + ": JSON has no representation for " + d);
            }
            out.append(BigDecimal.valueOf(d).toString());
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map, depth, path);
        } else if (value instanceof List<?> list) {
            writeArray(out, list, depth, path);
        } else {
            throw new IllegalArgumentException(path + ": cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, int depth, String path) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(path + ": JSON object keys must be strings, found " + e.getKey());
            }
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(out, depth + 1);
            writeString(out, key);
            out.append(": ");
            writeValue(out, e.getValue(), depth + 1, path + "." + key);
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
    }

    private static void writeArray(StringBuilder out, List<?> list, int depth, String path) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n");
            indent(out, depth + 1);
            writeValue(out, list.get(i), depth + 1, path + "[" + i + "]");
        }
        out.append('\n');
        indent(out, depth);
        out.append(']');
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Recursive-descent reader tracking line and column. */
    private static final class Parser {
        private final String text;
        private int pos;
        private int line = 1;
        private int lineStart;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        JsonException error(String reason) {
            return errorAt(pos, reason);
        }

        JsonException errorAt(int at, String reason) {
            // Columns are counted from the last line break before `at` (at is never before lineStart
            // except for string-internal positions, which never span lines: raw newlines are rejected).
            return new JsonException(line, at - lineStart + 1, reason);
        }

        String describeCurrent() {
            if (atEnd()) {
                return "end of input";
            }
            return describe(peek());
        }

        static String describe(char c) {
            if (c == '\n') {
                return "a line break";
            }
            if (c < 0x20 || c == 0x7f) {
                return String.format("control character U+%04X", (int) c);
            }
            return "'" + c + "'";
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                    lineStart = pos;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        Object readValue(int depth) {
            if (atEnd()) {
                throw error("unexpected end of input, expected a value");
            }
            char c = peek();
            return switch (c) {
                case '{' -> readObject(depth + 1);
                case '[' -> readArray(depth + 1);
                case '"' -> readString();
                case 't' -> readLiteral("true", Boolean.TRUE);
                case 'f' -> readLiteral("false", Boolean.FALSE);
                case 'n' -> readLiteral("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield readNumber();
                    }
                    if (c == '/') {
                        throw error("comments are not allowed in JSON");
                    }
                    if (c == '\'') {
                        throw error("strings must use double quotes");
                    }
                    throw error("unexpected " + describe(c) + ", expected a value");
                }
            };
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        private Map<String, Object> readObject(int depth) {
            checkDepth(depth);
            pos++; // {
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (!atEnd() && peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (atEnd()) {
                    throw error("unexpected end of input inside an object, expected a key");
                }
                if (peek() != '"') {
                    if (peek() == '}') {
                        throw error("trailing comma before '}'");
                    }
                    throw error("expected a string key, found " + describeCurrent());
                }
                int keyLine = line;
                int keyPos = pos;
                String key = readString();
                if (map.containsKey(key)) {
                    throw new JsonException(keyLine, keyPos - lineStart + 1, "duplicate key " + quote(key));
                }
                skipWhitespace();
                if (atEnd() || peek() != ':') {
                    throw error("expected ':' after key " + quote(key) + ", found " + describeCurrent());
                }
                pos++;
                skipWhitespace();
                map.put(key, readValue(depth));
                skipWhitespace();
                if (atEnd()) {
                    throw error("unexpected end of input inside an object, expected ',' or '}'");
                }
                char c = peek();
                pos++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}' after a value in an object, found " + describe(c));
                }
            }
        }

        private List<Object> readArray(int depth) {
            checkDepth(depth);
            pos++; // [
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (!atEnd() && peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                if (!atEnd() && peek() == ']') {
                    throw error("trailing comma before ']'");
                }
                list.add(readValue(depth));
                skipWhitespace();
                if (atEnd()) {
                    throw error("unexpected end of input inside an array, expected ',' or ']'");
                }
                char c = peek();
                pos++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']' after a value in an array, found " + describe(c));
                }
            }
        }

        private Object readLiteral(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                int end = pos;
                while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
                String found = text.substring(pos, Math.max(end, pos + 1));
                throw error("unexpected '" + found + "', expected a value (did you mean " + word + "?)");
            }
            pos += word.length();
            return value;
        }

        private String readString() {
            int start = pos;
            pos++; // opening quote
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (atEnd()) {
                    throw errorAt(start, "unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
                    pos++;
                    return s;
                }
                if (c < 0x20) {
                    throw error(c == '\n' ? "unterminated string (line break inside a string; use \\n)"
                            : "unescaped " + describe(c) + " inside a string");
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, runStart, pos);
                int escapeAt = pos;
                pos++;
                if (atEnd()) {
                    throw errorAt(start, "unterminated string");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(readHex4(escapeAt));
                    default -> throw errorAt(escapeAt, "invalid escape '\\" + e + "' in a string");
                }
                runStart = pos;
            }
        }

        private char readHex4(int escapeAt) {
            if (pos + 4 > text.length()) {
                throw errorAt(escapeAt, "incomplete \\u escape");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(text.charAt(pos + i), 16);
                if (d < 0) {
                    throw errorAt(escapeAt, "invalid \\u escape '" + text.substring(escapeAt, pos + 4) + "'");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private Object readNumber() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (atEnd() || !isDigit(peek())) {
                throw errorAt(start, "invalid number: expected a digit after '-'");
            }
            if (peek() == '0') {
                pos++;
                if (!atEnd() && isDigit(peek())) {
                    throw errorAt(start, "invalid number: leading zeros are not allowed");
                }
            } else {
                skipDigits();
            }
            boolean integral = true;
            if (!atEnd() && peek() == '.') {
                integral = false;
                pos++;
                if (atEnd() || !isDigit(peek())) {
                    throw error("invalid number: expected a digit after '.'");
                }
                skipDigits();
            }
            if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
                integral = false;
                pos++;
                if (!atEnd() && (peek() == '+' || peek() == '-')) {
                    pos++;
                }
                if (atEnd() || !isDigit(peek())) {
                    throw error("invalid number: expected a digit in the exponent");
                }
                skipDigits();
            }
            String literal = text.substring(start, pos);
            if (integral) {
                if (literal.length() <= 18) {
                    return Long.parseLong(literal);
                }
                BigInteger big = new BigInteger(literal);
                if (big.bitLength() < 64) {
                    return big.longValue();
                }
                return new BigDecimal(big);
            }
            try {
                return new BigDecimal(literal);
            } catch (NumberFormatException | ArithmeticException e) {
                throw errorAt(start, "number out of range: " + literal);
            }
        }

        private void skipDigits() {
            while (!atEnd() && isDigit(peek())) {
                pos++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
