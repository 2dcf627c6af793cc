package dev.fsc.compiler.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.source.SourceFile;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.yaml.YMap;
import dev.fsc.compiler.yaml.YScalar;
import dev.fsc.compiler.yaml.YamlReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An SQL error at (line, column) of the SQL text must land on the right line:col of the YAML file,
 * whatever the scalar style. Each case puts the identifier {@code foo} somewhere and asks where it is.
 */
class SqlTextPositionTest {
    private static final Path FILE = Path.of("view.yaml");

    private static SqlText sqlOf(String yaml, String key) {
        YamlReader.Result result = new YamlReader().read(new SourceFile(FILE, yaml));
        assertTrue(result.diagnostics().isEmpty(), () -> "unexpected diagnostics " + result.diagnostics());
        YMap map = (YMap) result.documents().get(0);
        return new SqlText((YScalar) map.get(key).orElseThrow());
    }

    /** The 1-based line and column in the SQL text of the first {@code foo}, as Calcite would report them. */
    private static SourcePos posOfFoo(SqlText sql) {
        String text = sql.sql();
        int offset = text.indexOf("foo");
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return sql.posAt(line, offset - lineStart + 1, 3);
    }

    private static void assertAt(int line, int column, SourcePos pos) {
        assertEquals(line + ":" + column, pos.line() + ":" + pos.column());
    }

    @Test
    void plainScalarMapsColumnsOneToOne() {
        SqlText sql = sqlOf("kind: x\nexpr: amount + foo\n", "expr");
        assertEquals("amount + foo", sql.sql());
        assertAt(2, 16, posOfFoo(sql));
        assertAt(2, 7, sql.posAt(1, 1, 1));
    }

    @Test
    void positionKeepsTheTokenLength() {
        SqlText sql = sqlOf("expr: amount + foo\n", "expr");
        assertEquals(3, posOfFoo(sql).length());
        assertEquals(FILE, posOfFoo(sql).file());
    }

    @Test
    void singleQuotedSkipsTheOpeningQuoteAndDoubledQuotes() {
        // value: status <> 'x' AND foo  (each '' in the file is one ' in the value)
        SqlText sql = sqlOf("filter: 'status <> ''x'' AND foo'\n", "filter");
        assertEquals("status <> 'x' AND foo", sql.sql());
        assertAt(1, 30, posOfFoo(sql));
        assertAt(1, 10, sql.posAt(1, 1, 1));
    }

    @Test
    void doubleQuotedSkipsTabEscape() {
        SqlText sql = sqlOf("expr: \"a\\tfoo\"\n", "expr");
        assertEquals("a\tfoo", sql.sql());
        assertAt(1, 11, posOfFoo(sql));
    }

    @Test
    void doubleQuotedNewlineEscapeStartsASecondSqlLineOnTheSameFileLine() {
        // the SQL has two lines; the file has one
        SqlText sql = sqlOf("filter: \"status = 'x'\\n  AND foo > 1\"\n", "filter");
        assertEquals("status = 'x'\n  AND foo > 1", sql.sql());
        assertAt(1, 30, posOfFoo(sql));
    }

    @Test
    void doubleQuotedEscapedQuotesAreOneCharacterEach() {
        SqlText sql = sqlOf("expr: \"\\\"a\\\" || foo\"\n", "expr");
        assertEquals("\"a\" || foo", sql.sql());
        assertAt(1, 17, posOfFoo(sql));
    }

    @Test
    void literalBlockMapsSqlLinesToFileLinesAfterTheIndicator() {
        String yaml = """
                kind: feature_view
                query: |
                  SELECT a,
                    foo
                  FROM t
                """;
        SqlText sql = sqlOf(yaml, "query");
        assertEquals("SELECT a,\n  foo\nFROM t\n", sql.sql());
        assertAt(4, 5, posOfFoo(sql));
        assertAt(3, 3, sql.posAt(1, 1, 6));
        assertAt(5, 3, sql.posAt(3, 1, 4));
    }

    @Test
    void foldedBlockMapsAcrossFoldedLineBreaks() {
        String yaml = """
                filter: >
                  status = 'paid'
                  AND foo > 1
                """;
        SqlText sql = sqlOf(yaml, "filter");
        assertEquals("status = 'paid' AND foo > 1\n", sql.sql());
        assertAt(3, 7, posOfFoo(sql));
        assertAt(2, 3, sql.posAt(1, 1, 6));
    }

    @Test
    void multiLinePlainScalarMapsAcrossTheLineBreak() {
        String yaml = """
                expr: amount
                  + foo
                agg: sum
                """;
        SqlText sql = sqlOf(yaml, "expr");
        assertEquals("amount + foo", sql.sql());
        assertAt(2, 5, posOfFoo(sql));
    }

    @Test
    void positionAfterTheEndOfTheSqlStaysInTheScalar() {
        // Calcite reports "unexpected end of SQL" one past the last character
        SqlText sql = sqlOf("expr: a +\nagg: sum\n", "expr");
        SourcePos end = sql.posAt(1, 4, 1);
        assertAt(1, 10, end);
    }

    @Test
    void posPointsAtTheStartOfTheSqlInsideQuotes() {
        SqlText sql = sqlOf("filter: \"qty > 0\"\n", "filter");
        assertAt(1, 10, sql.pos());
        assertEquals(7, sql.pos().length());
    }

    @Test
    void doubleQuotedEscapedLineBreakProducesNoCharacter() {
        String yaml = "filter: \"status = 'x' \\\n  AND foo > 1\"\n";
        SqlText sql = sqlOf(yaml, "filter");
        assertEquals("status = 'x' AND foo > 1", sql.sql());
        assertAt(2, 7, posOfFoo(sql));
    }

    @Test
    void doubleQuotedHexAndUnicodeEscapesAreOneCharacterEach() {
        SqlText sql = sqlOf("expr: \"'\\x41\\u00e9' || foo\"\n", "expr");
        assertEquals("'A\u00e9' || foo", sql.sql());
        assertAt(1, 24, posOfFoo(sql));
    }

    @Test
    void doubleQuotedScalarOverSeveralLinesFoldsTheBreak() {
        String yaml = "filter: \"status = 'x'\n  AND foo > 1\"\n";
        SqlText sql = sqlOf(yaml, "filter");
        assertEquals("status = 'x' AND foo > 1", sql.sql());
        assertAt(2, 7, posOfFoo(sql));
    }

    @Test
    void singleQuotedScalarOverSeveralLinesFoldsTheBreak() {
        String yaml = "filter: 'status = ''x''\n  AND foo > 1'\n";
        SqlText sql = sqlOf(yaml, "filter");
        assertEquals("status = 'x' AND foo > 1", sql.sql());
        assertAt(2, 7, posOfFoo(sql));
    }

    @Test
    void literalBlockInAListItemUsesItsOwnIndentation() {
        String yaml = """
                features:
                  - name: x
                    expr: |
                      CASE WHEN a > 0
                           THEN foo END
                """;
        YMap doc = (YMap) new YamlReader().read(new SourceFile(FILE, yaml)).documents().get(0);
        YMap feature = (YMap) ((dev.fsc.compiler.yaml.YSeq) doc.get("features").orElseThrow()).items().get(0);
        SqlText sql = new SqlText((YScalar) feature.get("expr").orElseThrow());
        assertAt(5, 17, posOfFoo(sql));
    }
}
