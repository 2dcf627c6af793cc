package dev.fsc.flink.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * FSC_DEDUP's state expires {@code dedup_within} after a key's last kept record: two records of one key, the second
 * arriving one second after the first (a duplicate by the rule) but reaching the function three seconds later.
 */
class FscDedupTtlTest {
    /** Holds back the rows it is asked to, so they reach FSC_DEDUP later in processing time. */
    public static final class Delay extends ScalarFunction {
        public String eval(String value, Boolean late) throws InterruptedException {
            if (late) {
                Thread.sleep(3_000);
            }
            return value;
        }
    }

    @Test
    void aKeysStateIsGoneWithinAfterItsLastKeptRecord() throws Exception {
        assertEquals(List.of(true, true), keptFirstFlags("2s"), "state expired after 2 s: the late duplicate is kept as a first");
    }

    @Test
    void withinTheTimeToLiveADuplicateIsDropped() throws Exception {
        assertEquals(List.of(true), keptFirstFlags("1h"), "state alive: the duplicate is dropped");
    }

    private static List<Boolean> keptFirstFlags(String within) throws Exception {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        env.getConfig().set("parallelism.default", "1");
        env.createTemporarySystemFunction("FSC_DEDUP", FscDedup.class);
        env.createTemporarySystemFunction("DELAY", Delay.class);
        env.createTemporaryView("arrivals", env.sqlQuery("""
                SELECT DELAY(event_id, late) AS event_id, arrival FROM (VALUES
                  ('e1', TIMESTAMP '2026-11-01 10:00:00', FALSE),
                  ('e1', TIMESTAMP '2026-11-01 10:00:01', TRUE)) AS t(event_id, arrival, late)"""));
        List<Boolean> flags = new ArrayList<>();
        try (CloseableIterator<Row> rows = env.sqlQuery("SELECT dedup_first FROM FSC_DEDUP(input => TABLE default_catalog.default_database.arrivals "
                + "PARTITION BY event_id, arrival_column => 'arrival', dedup_within => '" + within + "', uid => 'ttl-test')").execute().collect()) {
            rows.forEachRemaining(r -> flags.add((Boolean) r.getField(0)));
        }
        return flags;
    }
}
