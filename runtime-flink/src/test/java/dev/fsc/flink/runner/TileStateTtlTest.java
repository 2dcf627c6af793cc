package dev.fsc.flink.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fsc.common.manifest.JobManifest;
import dev.fsc.common.manifest.JobManifest.CatalogConfig;
import dev.fsc.common.manifest.JobManifest.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tile's aggregate state expires the {@code fsc.tiles.state-ttl} of its tile table after the tile's last update, and
 * not before: the runner runs a job shaped like the generated tiles step (SET, tile table and online sink written from
 * one updating aggregate) on a MiniCluster, over two events of one tile, the second reaching the aggregate three
 * seconds after the first. Expired, the second event starts the tile again (one event in the tile table); alive, it
 * adds to it (two).
 */
class TileStateTtlTest {
    @TempDir
    Path dir;

    /** Holds a row back for the given milliseconds, so it reaches the aggregate later in processing time. */
    public static final class HoldBack extends ScalarFunction {
        public LocalDateTime eval(LocalDateTime value, Integer millis) throws InterruptedException {
            Thread.sleep(millis);
            return value;
        }
    }

    @Test
    void anUpdateAfterTheTtlStartsTheTileAgain() throws Exception {
        Record tile = tileAfterRun("1s");
        assertEquals(1L, tile.getField("events"), "the first event's state expired: the tile restarted from the second");
        assertEquals(LocalDateTime.parse("2026-11-01T10:00:20"), tile.getField("latest_event"));
    }

    @Test
    void anUpdateWithinTheTtlAddsToTheTile() throws Exception {
        Record tile = tileAfterRun("1h");
        assertEquals(2L, tile.getField("events"), "the state is alive: the second event adds to the first");
        assertEquals(LocalDateTime.parse("2026-11-01T10:00:20"), tile.getField("latest_event"));
    }

    /** The only row of the tile table after a run with this tile state TTL. */
    private Record tileAfterRun(String stateTtl) throws Exception {
        Path manifestFile = dir.resolve("clicks.job.json");
        Files.writeString(manifestFile, manifest(stateTtl).toJson());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunArgs args = RunArgs.parse(List.of(manifestFile.toString(), "--parallelism", "1", "--checkpoint-interval", "1s"));
        new JobRunner(args, new PrintStream(log, true, StandardCharsets.UTF_8)).run(JobManifest.fromJson(Files.readString(manifestFile)));

        HadoopCatalog catalog = new HadoopCatalog(new org.apache.hadoop.conf.Configuration(), dir.resolve("warehouse").toString());
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(catalog.loadTable(TableIdentifier.of("gold", "tiles_clicks_1m"))).build()) {
            read.forEach(r -> rows.add(r.copy()));
        }
        assertEquals(1, rows.size(), () -> "one tile expected: " + rows + "\n" + log.toString(StandardCharsets.UTF_8));
        return rows.get(0);
    }

    /** What the compiler generates for a view of clicks with 1m tiles, over two held-back events instead of a source. */
    private JobManifest manifest(String stateTtl) {
        Step events = Step.sql("events", List.of(
                "CREATE TEMPORARY SYSTEM FUNCTION HOLD_BACK AS '" + HoldBack.class.getName() + "'",
                """
                CREATE TEMPORARY VIEW default_catalog.default_database.clicks__events AS
                SELECT user_id, HOLD_BACK(event_time, hold_millis) AS event_time
                FROM (VALUES
                  (CAST(7 AS BIGINT), TIMESTAMP '2026-11-01 10:00:05', 0),
                  (CAST(7 AS BIGINT), TIMESTAMP '2026-11-01 10:00:20', 3000)) AS t(user_id, event_time, hold_millis)"""),
                List.of());
        Step tiles = Step.sql("tiles_clicks_1m", List.of(
                """
                CREATE TABLE IF NOT EXISTS gold.tiles_clicks_1m (
                  user_id BIGINT NOT NULL,
                  tile_start TIMESTAMP(3) NOT NULL,
                  events BIGINT,
                  latest_event TIMESTAMP(3),
                  ds DATE NOT NULL,
                  PRIMARY KEY (user_id, tile_start, ds) NOT ENFORCED
                ) PARTITIONED BY (ds) WITH (
                  'format-version' = '2',
                  'write.upsert.enabled' = 'true'
                )""",
                """
                CREATE TEMPORARY TABLE default_catalog.default_database.clicks__online_1m (
                  user_id BIGINT NOT NULL,
                  tile_start TIMESTAMP(3) NOT NULL,
                  events BIGINT,
                  latest_event TIMESTAMP(3),
                  PRIMARY KEY (user_id, tile_start) NOT ENFORCED
                ) WITH (
                  'connector' = 'fsc-online',
                  'store' = '${online_store}',
                  'view' = 'clicks',
                  'version' = 'v1',
                  'tile' = '1m',
                  'ttl' = '1h'
                )""",
                "-- how long a tile's aggregate state lives after its last update\n"
                        + "SET 'fsc.tiles.state-ttl.gold.tiles_clicks_1m' = '" + stateTtl + "'",
                """
                CREATE TEMPORARY VIEW default_catalog.default_database.clicks__tile_updates_1m AS
                SELECT user_id, tile_start, COUNT(*) AS events, MAX(event_time) AS latest_event
                FROM (
                  SELECT *, FLOOR(event_time TO MINUTE) AS tile_start
                  FROM default_catalog.default_database.clicks__events
                  WHERE user_id IS NOT NULL
                )
                GROUP BY user_id, tile_start""",
                """
                INSERT INTO gold.tiles_clicks_1m
                SELECT *, CAST(tile_start AS DATE) AS ds
                FROM default_catalog.default_database.clicks__tile_updates_1m""",
                """
                INSERT INTO default_catalog.default_database.clicks__online_1m
                SELECT * FROM default_catalog.default_database.clicks__tile_updates_1m"""),
                List.of("events"));
        return new JobManifest(JobManifest.FORMAT_VERSION, "it", "clicks_tiles", "0000000000000001", "dev",
                new CatalogConfig(JobManifest.CatalogType.HADOOP, "fsc", Optional.of("warehouse"), Map.of()),
                Map.of("online_store", "embedded:" + dir.resolve("online")), Optional.empty(), List.of(events, tiles));
    }
}
