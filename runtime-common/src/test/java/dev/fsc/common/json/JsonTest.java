package dev.fsc.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse("""
                {"s": "a\\"b\\\\c\\/\\n\\t\\u00e9\\ud83d\\ude00", "i": -42, "big": 12345678901234567890,
                 "d": 1.50, "e": 2E-3, "t": true, "f": false, "n": null, "a": [1, [], {}], "o": {"x": "y"}}
                """);
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals("a\"b\\c/\n\té😀", m.get("s"));
        assertEquals(-42L, m.get("i"));
        assertEquals(new BigDecimal("12345678901234567890"), m.get("big"));
        assertEquals(new BigDecimal("1.50"), m.get("d"));
        assertEquals(new BigDecimal("2E-3"), m.get("e"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
        assertEquals(List.of(1L, List.of(), Map.of()), m.get("a"));
        assertEquals(Map.of("x", "y"), m.get("o"));
        assertEquals(List.of("s", "i", "big", "d", "e", "t", "f", "n", "a", "o"), new ArrayList<>(m.keySet()),
                "keys keep the text's order");
    }

    @Test
    void longBoundaries() {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808"));
        assertEquals(0L, Json.parse(" 0 "));
        assertEquals(new BigDecimal("-0.0"), Json.parse("-0.0"));
    }

    @Test
    void writesDeterministicIndentedJson() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", List.of());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", "x\"y\n\u0001");
        root.put("list", Arrays.asList("a", null, true, new BigDecimal("1.50"), 2.5d, 7));
        root.put("inner", inner);
        root.put("empty", Map.of());
        assertEquals("""
                {
                  "name": "x\\"y\\n\\u0001",
                  "list": [
                    "a",
                    null,
                    true,
                    1.50,
                    2.5,
                    7
                  ],
                  "inner": {
                    "z": 1,
                    "a": []
                  },
                  "empty": {}
                }""", Json.write(root));
    }

    @Test
    void roundTripsThroughText() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("unicode", "é😀\u2028");
        root.put("numbers", List.of(0L, -1L, Long.MAX_VALUE, new BigDecimal("1E+3"), new BigDecimal("-0.001")));
        root.put("nested", List.of(Map.of("k", List.of(Map.of()))));
        String text = Json.write(root);
        assertEquals(root, Json.parse(text));
        assertEquals(text, Json.write(Json.parse(text)));
    }

    @Test
    void refusesValuesOutsideTheMapping() {
        Map<String, Object> root = new HashMap<>();
        root.put("when", java.time.Instant.EPOCH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(root));
        assertTrue(e.getMessage().startsWith("$.when: cannot write a java.time.Instant"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x")));
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"a": 1,}`                 | 1 | 9  | trailing comma before '}'
            `[1, 2,]`                   | 1 | 7  | trailing comma before ']'
            `{"a" 1}`                   | 1 | 6  | expected ':' after key "a", found '1'
            `{"a": 1 "b": 2}`           | 1 | 9  | expected ',' or '}' after a value in an object, found '"'
            `{'a': 1}`                  | 1 | 2  | expected a string key, found '''
            `{"a": 'x'}`                | 1 | 7  | strings must use double quotes
            `[01]`                      | 1 | 2  | invalid number: leading zeros are not allowed
            `[1.]`                      | 1 | 4  | invalid number: expected a digit after '.'
            `[-]`                       | 1 | 2  | invalid number: expected a digit after '-'
            `[1e]`                      | 1 | 4  | invalid number: expected a digit in the exponent
            `[NaN]`                     | 1 | 2  | unexpected 'N', expected a value
            `[tru]`                     | 1 | 2  | unexpected 'tru', expected a value (did you mean true?)
            `{"a": 1} x`                | 1 | 10 | unexpected 'x' after the JSON value
            `{"a": 1, "a": 2}`          | 1 | 10 | duplicate key "a"
            `["\\x"]`                   | 1 | 3  | invalid escape '\\x' in a string
            `["\\u12g4"]`               | 1 | 3  | invalid \\u escape '\\u12g4'
            `["abc`                     | 1 | 2  | unterminated string
            ``                          | 1 | 1  | unexpected end of input, expected a value
            `[1, 2`                     | 1 | 6  | unexpected end of input inside an array, expected ',' or ']'
            `// c`                      | 1 | 1  | comments are not allowed in JSON
            """)
    void rejectsMalformedInputWithPosition(String text, int line, int column, String reason) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertEquals(reason, e.reason());
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
    }

    @Test
    void positionsCountLinesAndColumns() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\": [1 2]\n}"));
        assertEquals("3:11: expected ',' or ']' after a value in an array, found '2'", e.getMessage());
        JsonException raw = assertThrows(JsonException.class, () -> Json.parse("{\"a\": \"x\ny\"}"));
        assertEquals(1, raw.line());
        assertTrue(raw.reason().startsWith("unterminated string"), raw.reason());
        JsonException tab = assertThrows(JsonException.class, () -> Json.parse("[\"a\tb\"]"));
        assertEquals("1:4: unescaped control character U+0009 inside a string", tab.getMessage());
    }

    @Test
    void limitsNesting() {
        String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.reason().startsWith("nesting deeper than"), e.reason());
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Json.parse(ok);
    }

    @Test
    void parseObjectWantsAnObject() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parseObject("  [1]"));
        assertEquals("1:3: expected a JSON object '{', found '['", e.getMessage());
        assertEquals(Map.of(), Json.parseObject(" {} "));
    }
}
