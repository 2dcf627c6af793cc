package dev.fsc.flink.runner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementsTest {
    @Test
    void classifiesGeneratedStatementsBehindTheirComments() {
        String insert = "-- tiles of v\n/* note */\nINSERT INTO gold.v__tiles_1m\nSELECT 1";
        assertTrue(Statements.isInsert(insert));
        assertEquals("gold.v__tiles_1m", Statements.insertTarget(insert).orElseThrow());
        assertFalse(Statements.isIcebergTable("default_catalog.default_database.v_online"));
        assertArrayEquals(new String[] {"table.local-time-zone", "UTC"},
                Statements.setOption("-- zone\nSET 'table.local-time-zone' = 'UTC'").orElseThrow());
        assertArrayEquals(new String[] {"default_catalog.default_database.x", "SELECT a\nFROM t"},
                Statements.temporaryView("CREATE TEMPORARY VIEW default_catalog.default_database.x AS\nSELECT a\nFROM t").orElseThrow());
        assertEquals("gold", Statements.createdNamespace("CREATE TABLE IF NOT EXISTS gold.t (a INT)").orElseThrow());
        assertTrue(Statements.createdNamespace("CREATE TEMPORARY TABLE default_catalog.default_database.t (a INT)").isEmpty());
    }
}
