package dev.fsc.compiler.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.compiler.source.SourceFile;
import dev.fsc.compiler.spec.SqlText;
import dev.fsc.compiler.yaml.YMap;
import dev.fsc.compiler.yaml.YScalar;
import dev.fsc.compiler.yaml.YamlReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FlinkSqlTextTest {
    private static SqlText sql(String text) {
        String yaml = "sql: \"" + text.replace("\"", "\\\"") + "\"\n";
        YMap map = (YMap) new YamlReader().read(new SourceFile(Path.of("x.yaml"), yaml)).documents().get(0);
        return new SqlText((YScalar) map.get("sql").orElseThrow());
    }

    @Test
    void castsUseFlinkTypeNames() {
        // a bare VARCHAR is VARCHAR(1) in Flink: every character type becomes STRING
        assertEquals("CAST(a AS STRING) || CAST(b AS TIMESTAMP(3)) || CAST(c AS INT) || CAST(d AS DECIMAL(12, 2))",
                FlinkSqlText.expression(sql("CAST(a AS VARCHAR) || CAST(b AS TIMESTAMP(3)) || CAST(c AS INTEGER) || CAST(d AS DECIMAL(12, 2))")));
    }

    @Test
    void tablesAreTheJobsViewsAndATemporalJoinSkipsDeletedRows() {
        String flink = FlinkSqlText.query(
                sql("SELECT c.item_id, u.country FROM clicks AS c JOIN users FOR SYSTEM_TIME AS OF c.ts AS u ON c.user_id = u.user_id"),
                table -> "d.db." + table, table -> "d.db." + table + "__versions");
        assertEquals("""
                SELECT c.item_id, u.country
                FROM d.db.clicks AS c
                  INNER JOIN d.db.users__versions FOR SYSTEM_TIME AS OF c.ts AS u ON c.user_id = u.user_id AND NOT u._deleted""", flink);
    }

    @Test
    void unionBranchesAndSubqueriesAreRewrittenToo() {
        String flink = FlinkSqlText.query(sql("SELECT item_id FROM clicks UNION ALL SELECT item_id FROM (SELECT item_id FROM impressions) AS i"),
                table -> "v_" + table, table -> "never");
        assertEquals("""
                SELECT item_id
                FROM v_clicks
                UNION ALL
                SELECT item_id
                FROM (SELECT item_id
                    FROM v_impressions) AS i""", flink);
    }

    @Test
    void reservedWordsAreQuotedOtherNamesNot() {
        assertEquals("`value`", FlinkSqlText.identifier("value"));
        assertEquals("user_id", FlinkSqlText.identifier("user_id"));
        assertEquals("`my col`", FlinkSqlText.identifier("my col"));
    }
}
