package dev.fsc.compiler.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.compiler.source.SourceFile;
import dev.fsc.compiler.spec.SqlText;
import dev.fsc.compiler.yaml.YMap;
import dev.fsc.compiler.yaml.YScalar;
import dev.fsc.compiler.yaml.YamlReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SparkSqlTextTest {
    private static SqlText sql(String text) {
        String yaml = "sql: \"" + text.replace("\"", "\\\"") + "\"\n";
        YMap map = (YMap) new YamlReader().read(new SourceFile(Path.of("x.yaml"), yaml)).documents().get(0);
        return new SqlText((YScalar) map.get("sql").orElseThrow());
    }

    @Test
    void castsUseSparkTypeNames() {
        assertEquals("CAST(a AS STRING) || CAST(b AS TIMESTAMP) || CAST(c AS INT) || CAST(d AS DECIMAL(12,2))",
                SparkSqlText.expression(sql("CAST(a AS VARCHAR) || CAST(b AS TIMESTAMP(3)) || CAST(c AS INTEGER) || CAST(d AS DECIMAL(12, 2))")));
    }

    @Test
    void temporalJoinReadsTheVersionValidAtTheEventTime() {
        String spark = SparkSqlText.query(
                sql("SELECT c.item_id, u.country FROM clicks AS c JOIN users FOR SYSTEM_TIME AS OF c.ts AS u ON c.user_id = u.user_id"),
                table -> "silver." + table + "__versions");
        assertEquals("""
                SELECT c.item_id, u.country
                FROM clicks c
                  INNER JOIN silver.users__versions u ON c.user_id = u.user_id AND (u.valid_from <= c.ts AND (u.valid_to IS NULL OR c.ts < u.valid_to))""",
                spark);
    }

    @Test
    void plainJoinsAreLeftAlone() {
        assertEquals("""
                SELECT a.x
                FROM a
                  INNER JOIN b ON a.k = b.k""", SparkSqlText.query(sql("SELECT a.x FROM a JOIN b ON a.k = b.k"), t -> "never"));
    }
}
