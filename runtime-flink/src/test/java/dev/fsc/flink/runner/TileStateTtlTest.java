package dev.fsc.flink.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The generated tile aggregate's STATE_TTL hint (templates/flink/tiles.sql.ftl) reaches Flink's plan when the view is
 * created the way the runner creates temporary views (a query registered by name): the aggregate's state has the TTL.
 */
class TileStateTtlTest {
    @Test
    void theHintedTtlIsTheAggregateStatesTtl() {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql("CREATE TEMPORARY TABLE clicks__events (user_id BIGINT, amount BIGINT, event_time TIMESTAMP(3)) "
                + "WITH ('connector' = 'datagen')");
        env.executeSql("CREATE TEMPORARY TABLE tiles (user_id BIGINT, tile_start TIMESTAMP(3), events BIGINT, amount__sum BIGINT, "
                + "PRIMARY KEY (user_id, tile_start) NOT ENFORCED) WITH ('connector' = 'blackhole')");
        env.createTemporaryView("clicks__tile_updates_1m", env.sqlQuery("""
                SELECT /*+ STATE_TTL('tile_events' = '30 d') */
                  user_id,
                  tile_start,
                  COUNT(*) AS events,
                  SUM(amount) AS amount__sum
                FROM (
                  SELECT *, FLOOR(event_time TO MINUTE) AS tile_start
                  FROM default_catalog.default_database.clicks__events
                  WHERE user_id IS NOT NULL
                ) AS tile_events
                GROUP BY user_id, tile_start"""));
        String plan = env.compilePlanSql("INSERT INTO tiles SELECT * FROM clicks__tile_updates_1m").asJsonString().replaceAll("\\s+", " ");
        assertTrue(plan.contains("\"state\" : [ { \"index\" : 0, \"ttl\" : \"30 d\", \"name\" : \"groupAggregateState\" } ]"), plan);
    }
}
