package dev.fsc.flink.online;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tile view's GROUP BY feeds two sinks, its Iceberg tile table (an upsert table, which takes the retractions the
 * aggregate produces) and the online store. Both must share one aggregate: were the online sink to accept upserts
 * only, the planner would compute every tile twice, once per changelog mode.
 */
class TileAggregatePlannedOnceTest {
    private static final String TILES = """
            SELECT user_id, FLOOR(event_time TO MINUTE) AS tile_start, COUNT(*) AS events, SUM(amount) AS amount__sum
            FROM default_catalog.default_database.clicks
            GROUP BY user_id, FLOOR(event_time TO MINUTE)""";

    @Test
    void theIcebergAndOnlineSinksShareOneAggregate(@TempDir Path warehouse) {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql("CREATE TEMPORARY TABLE clicks (user_id BIGINT, amount BIGINT, event_time TIMESTAMP(3)) "
                + "WITH ('connector' = 'datagen', 'number-of-rows' = '10')");
        env.executeSql("CREATE CATALOG fsc WITH ('type' = 'iceberg', 'catalog-type' = 'hadoop', 'warehouse' = '"
                + warehouse.toUri() + "')");
        env.executeSql("CREATE DATABASE fsc.gold");
        String columns = "user_id BIGINT, tile_start TIMESTAMP(3), events BIGINT, amount__sum BIGINT, "
                + "PRIMARY KEY (user_id, tile_start) NOT ENFORCED";
        env.executeSql("CREATE TABLE fsc.gold.clicks__tiles (" + columns + ") "
                + "WITH ('format-version' = '2', 'write.upsert.enabled' = 'true')");
        env.executeSql("CREATE TEMPORARY TABLE clicks__online (" + columns + ") WITH ('connector' = 'fsc-online', "
                + "'store' = 'embedded:" + warehouse.resolve("online") + "', 'view' = 'clicks', 'version' = 'v1', 'tile' = '1m')");
        StatementSet set = env.createStatementSet();
        set.addInsertSql("INSERT INTO fsc.gold.clicks__tiles " + TILES);
        set.addInsertSql("INSERT INTO clicks__online " + TILES);

        String plan = set.explain(ExplainDetail.CHANGELOG_MODE);
        String physical = plan.substring(plan.indexOf("== Optimized Execution Plan =="));
        assertEquals(1, count(physical, "GroupAggregate("), physical);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
