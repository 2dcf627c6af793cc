package dev.fsc.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator that keeps generated rows inside a source's {@code expect} checks. */
class ExpectChecksTest {
    @TempDir
    Path dir;

    private ExpectChecks checks(String sql) throws Exception {
        Files.writeString(dir.resolve("fsc.yaml"), "project: t\n");
        Files.writeString(dir.resolve("s.yaml"), """
                kind: source
                name: s
                type: stream
                stream: { topic: s, format: json }
                event_time: ts
                columns:
                  a: INT
                  b: DECIMAL(10,2)
                  c: VARCHAR
                  d: BOOLEAN
                  ts: TIMESTAMP(3) NOT NULL
                  u: TIMESTAMP(3)
                quality:
                  - expect: { name: e, sql: "%s" }
                """.formatted(sql.replace("\"", "\\\"")));
        var model = new dev.fsc.compiler.Compiler().compile(dir).model().orElseThrow(() -> new AssertionError("does not compile: " + sql));
        return new ExpectChecks(model.source("s").orElseThrow());
    }

    private static Map<String, Object> row(Object a, Object b, Object c, Object d, long ts, Long u) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("a", a);
        row.put("b", b);
        row.put("c", c);
        row.put("d", d);
        row.put("ts", Instant.ofEpochMilli(ts));
        row.put("u", u == null ? null : Instant.ofEpochMilli(u));
        return row;
    }

    private void assertPasses(String sql, Map<String, Object> row, boolean passes) throws Exception {
        assertEquals(passes, checks(sql).failing(row).isEmpty(), sql + " on " + row);
    }

    @Test
    void comparisonsAndThreeValuedLogic() throws Exception {
        assertPasses("a >= 0", row(5L, null, null, null, 0, null), true);
        assertPasses("a >= 0", row(-1L, null, null, null, 0, null), false);
        assertPasses("a >= 0", row(null, null, null, null, 0, null), true);
        assertPasses("a IS NULL OR b <= 10", row(1L, new BigDecimal("10.00"), null, null, 0, null), true);
        assertPasses("a IS NULL OR b <= 10", row(1L, new BigDecimal("10.01"), null, null, 0, null), false);
        assertPasses("NOT (a = 1) AND d", row(2L, null, null, true, 0, null), true);
        assertPasses("u <= ts", row(null, null, null, null, 10, 11L), false);
        assertPasses("u IS NULL OR u <= ts", row(null, null, null, null, 10, null), true);
        assertPasses("a BETWEEN 1 AND 3", row(4L, null, null, null, 0, null), false);
        assertPasses("a + 1 > CAST(b AS DOUBLE)", row(2L, new BigDecimal("2.5"), null, null, 0, null), true);
    }

    @Test
    void stringsInLikeAndFunctions() throws Exception {
        assertPasses("c IN ('x', 'y') OR a IS NOT NULL", row(null, null, "z", null, 0, null), false);
        assertPasses("c NOT IN ('x', 'y')", row(null, null, "z", null, 0, null), true);
        assertPasses("c IS NULL OR (CHAR_LENGTH(c) = 2 AND c = UPPER(c))", row(null, null, "De", null, 0, null), false);
        assertPasses("c IS NULL OR (CHAR_LENGTH(c) = 2 AND c = UPPER(c))", row(null, null, "DE", null, 0, null), true);
        assertPasses("c LIKE 'ab%'", row(null, null, "abc", null, 0, null), true);
        assertPasses("c NOT LIKE 'a_c'", row(null, null, "abc", null, 0, null), false);
        assertPasses("COALESCE(c, 'x') = 'x'", row(null, null, null, null, 0, null), true);
        assertPasses("CASE WHEN a > 1 THEN c = 'big' ELSE TRUE END", row(5L, null, "small", null, 0, null), false);
    }

    @Test
    void reportsTheColumnsOfTheFailingCheck() throws Exception {
        assertEquals(Set.of("c", "a"), checks("c IN ('x') OR a IS NOT NULL").failing(row(null, null, "z", null, 0, null)));
    }

    @Test
    void unsupportedSqlCountsAsPassing() throws Exception {
        assertPasses("EXTRACT(HOUR FROM ts) < 0", row(null, null, null, null, 0, null), true);
    }
}
