package dev.fsc.common.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreatedTablesTest {
    @Test
    void readsTheTableOfAGeneratedCreateAfterItsComments() {
        assertEquals(Optional.of("gold.user_click_stats__tiles_1m"), CreatedTables.of("""
                -- Tiles of user_click_stats every 1m: partial aggregates
                -- of the run's events
                CREATE TABLE IF NOT EXISTS gold.user_click_stats__tiles_1m (
                  user_id BIGINT
                ) USING iceberg"""));
        assertEquals(Optional.of("silver.orders"), CreatedTables.of("create table if not exists `silver`.`orders` (x INT)"));
        assertEquals(Optional.empty(), CreatedTables.of("INSERT INTO gold.t SELECT 1"));
        assertEquals(Optional.empty(), CreatedTables.of("CREATE TEMPORARY VIEW v AS SELECT 1"));
    }
}
