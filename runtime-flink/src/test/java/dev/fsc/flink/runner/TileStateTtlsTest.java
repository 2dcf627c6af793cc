package dev.fsc.flink.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.util.jackson.JacksonMapperFactory;
import org.junit.jupiter.api.Test;

/** Which aggregates of a compiled plan get which tile state TTL: found through the plan's edges from the sinks. */
class TileStateTtlsTest {
    @Test
    void anAggregateGetsTheTtlOfTheTileTableItWritesOthersKeepTheirs() throws Exception {
        TileStateTtls ttls = new TileStateTtls();
        ttls.set("fsc.tiles.state-ttl.default_database.tiles_by_k", "1h30m");
        Map<String, String> ttlBySink = aggregateTtlsBySink(ttls.applyTo(plan()));
        assertEquals(Map.of("tiles_by_k", "5400000 ms", "online_by_k", "5400000 ms", "totals_by_v", "0 ms"), ttlBySink);
    }

    @Test
    void anAggregateWritingTwoTileTablesKeepsItsStateForTheLongerTtl() throws Exception {
        TileStateTtls ttls = new TileStateTtls();
        ttls.set("fsc.tiles.state-ttl.default_database.tiles_by_k", "90m");
        ttls.set("fsc.tiles.state-ttl.default_database.online_by_k", "1d");
        assertEquals("86400000 ms", aggregateTtlsBySink(ttls.applyTo(plan())).get("tiles_by_k"));
    }

    @Test
    void aDeclaredTableNoAggregateWritesFailsTheRun() {
        TileStateTtls ttls = new TileStateTtls();
        ttls.set("fsc.tiles.state-ttl.default_database.tiles_by_k", "90m");
        ttls.set("fsc.tiles.state-ttl.gold.tiles_elsewhere", "1h");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ttls.applyTo(plan()));
        assertTrue(e.getMessage().contains("gold.tiles_elsewhere"), e.getMessage());
    }

    @Test
    void aTtlOptionNamesANamespacedTableAndAPositiveDuration() {
        TileStateTtls ttls = new TileStateTtls();
        assertThrows(IllegalArgumentException.class, () -> ttls.set("fsc.tiles.state-ttl.tiles_by_k", "1h"));
        assertThrows(IllegalArgumentException.class, () -> ttls.set("fsc.tiles.state-ttl.gold.tiles_by_k", "0"));
        assertTrue(TileStateTtls.isTileStateTtl("fsc.tiles.state-ttl.gold.t"));
        assertTrue(!TileStateTtls.isTileStateTtl("table.exec.state.ttl"));
    }

    /** One aggregate by k written to a tile table and an online table (as the generated tiles step does), one by v elsewhere. */
    private static String plan() {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.executeSql("CREATE TEMPORARY TABLE events (k BIGINT, v BIGINT) WITH ('connector' = 'datagen')");
        for (String sink : new String[] {"tiles_by_k", "online_by_k", "totals_by_v"}) {
            env.executeSql("CREATE TEMPORARY TABLE " + sink + " (g BIGINT, n BIGINT, PRIMARY KEY (g) NOT ENFORCED) "
                    + "WITH ('connector' = 'blackhole')");
        }
        env.createTemporaryView("by_k", env.sqlQuery("SELECT k, COUNT(*) AS n FROM events GROUP BY k"));
        StatementSet set = env.createStatementSet();
        set.addInsertSql("INSERT INTO tiles_by_k SELECT * FROM by_k");
        set.addInsertSql("INSERT INTO online_by_k SELECT * FROM by_k");
        set.addInsertSql("INSERT INTO totals_by_v SELECT v, SUM(k) FROM events GROUP BY v");
        return set.compilePlan().asJsonString();
    }

    /** For each sink table, the state TTL of the group aggregate right upstream of it. */
    private static Map<String, String> aggregateTtlsBySink(String planJson) throws Exception {
        JsonNode plan = JacksonMapperFactory.createObjectMapper().readTree(planJson);
        Map<Long, JsonNode> nodes = new TreeMap<>();
        plan.get("nodes").forEach(n -> nodes.put(n.get("id").asLong(), n));
        Map<String, String> out = new TreeMap<>();
        for (JsonNode sink : nodes.values()) {
            if (!sink.get("type").asText().startsWith("stream-exec-sink_")) {
                continue;
            }
            String table = sink.at("/dynamicTableSink/table/identifier").asText().replaceAll(".*\\.`?|`", "");
            JsonNode node = sink;
            while (!node.get("type").asText().startsWith("stream-exec-group-aggregate_")) {
                long id = node.get("id").asLong();
                long source = -1;
                for (JsonNode edge : plan.get("edges")) {
                    if (edge.get("target").asLong() == id) {
                        source = edge.get("source").asLong();
                    }
                }
                node = nodes.get(source);
            }
            out.put(table, node.get("state").get(0).get("ttl").asText());
        }
        return out;
    }
}
