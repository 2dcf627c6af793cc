package dev.fsc.flink.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.online.ServedViews;
import dev.fsc.common.online.StateType;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.flink.online.EmbeddedOnlineStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code served}: what the deploy calls to show and switch the served versions, on the embedded store. */
class ServedCommandTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run served(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new java.util.ArrayList<>(List.of("served", "--store", "embedded:" + dir.resolve("store")));
        argv.addAll(List.of(args));
        int exit = FlinkRunner.execute(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path descriptor(String version) throws Exception {
        ViewDescriptor v = new ViewDescriptor("spend", version, List.of(new ViewDescriptor.Column("user_id", StateType.parse("BIGINT"))),
                Optional.empty(), List.of(new ViewDescriptor.TileLayout(HOUR, "gold.spend__tiles_1h", List.of(
                        new ViewDescriptor.Column("events", StateType.parse("BIGINT")),
                        new ViewDescriptor.Column("latest_event", StateType.parse("TIMESTAMP"))))),
                List.of(new ViewDescriptor.Feature("payments_7d", "count", HOUR, Optional.of(168 * HOUR), List.of("events"))));
        return Files.writeString(dir.resolve(version + ".json"), v.toJson());
    }

    private void progress(String version, long watermark) {
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir.resolve("store"), "job-" + version)) {
            store.upsert(ServedViews.progressKey("spend", version), Map.of(ServedViews.progressField(HOUR, 0, 1), Long.toString(watermark)), 0);
            store.flush();
        }
    }

    @Test
    void servesTheFirstVersionAtOnceThenANewOneOnlyOnceItCaughtUp() throws Exception {
        assertEquals(new Run(0, "{}\n", ""), served());
        Run first = served("--switch", descriptor("v1").toString(), "--timeout", "5");
        assertEquals(0, first.exit(), first.err());
        assertEquals("serving spend version v1\n", first.out());
        progress("v1", 5_000);

        Run cold = served("--switch", descriptor("v2").toString(), "--timeout", "1");
        assertEquals(1, cold.exit());
        assertTrue(cold.err().contains("not warm after 1 s, readers stay on the served versions: spend version v2 at no watermark yet"
                + " of 1970-01-01T00:00:05Z (version v1)"), cold.err());
        assertTrue(served().out().contains("\"spend\": { \"version\": \"v1\", \"watermark\": 5000 }"), served().out());

        progress("v2", 5_000);
        Run warm = served("--switch", descriptor("v2").toString(), "--timeout", "5");
        assertEquals(0, warm.exit(), warm.err());
        assertEquals("serving spend version v2 (was v1)\n", warm.out());
        assertEquals(new Run(0, "no longer serving spend\n", ""), served("--retire", "spend"));
        assertEquals("{}\n", served().out());
    }

    /** A stream's progress: its watermark and the start of the earliest tile it wrote. */
    private void progress(String version, long watermark, long earliestTile) {
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir.resolve("store"), "job-" + version)) {
            store.upsert(ServedViews.progressKey("spend", version), Map.of(ServedViews.progressField(HOUR, 0, 1), Long.toString(watermark),
                    ServedViews.earliestField(HOUR, 0, 1), Long.toString(earliestTile)), 0);
            store.flush();
        }
    }

    @Test
    void aVersionWhoseTopicNoLongerHoldsAWholeWindowIsFilledFromBatchTilesThenServed() throws Exception {
        long now = 1000 * HOUR;
        assertEquals(0, served("--switch", descriptor("v1").toString()).exit());
        progress("v1", now, 0);
        // v2's stream caught up, but its topic holds two days: its earliest tile is 48 h back, its window is 7 d
        progress("v2", now, now - 48 * HOUR);
        long from = now - 168 * HOUR;
        long until = now - 46 * HOUR; // past the earliest tile (partial) and the 1 h dedup margin, to the next boundary
        assertEquals(new Run(0, "{ \"spend\": { \"from\": " + from + ", \"until\": " + until + " } }\n", ""),
                served("--gap", descriptor("v2").toString(), "--margin", Long.toString(HOUR), "--timeout", "5"));
        Run cold = served("--switch", descriptor("v2").toString(), "--timeout", "1");
        assertEquals(1, cold.exit(), "short of history, it is not warm: " + cold.out());
        assertTrue(cold.err().contains("a topic that no longer holds a whole window"), cold.err());

        String key = dev.fsc.common.online.OnlineKeys.entity("spend", "v2", List.of(7L));
        try (EmbeddedOnlineStore stream = new EmbeddedOnlineStore(dir.resolve("store"), "job-v2")) {
            stream.upsert(key, Map.of(dev.fsc.common.online.OnlineKeys.field(HOUR, now - 48 * HOUR), "partial"), 0);
            stream.flush();
        }
        Path tiles = Files.createDirectories(dir.resolve("tiles"));
        StringBuilder rows = new StringBuilder();
        for (long tile : List.of(from - HOUR, from, now - 48 * HOUR, until - HOUR, until)) {
            rows.append("{\"user_id\": 7, \"tile_start\": \"").append(java.time.Instant.ofEpochMilli(tile))
                    .append("\", \"events\": 2, \"latest_event\": \"").append(java.time.Instant.ofEpochMilli(tile + 1000)).append("\"}\n");
        }
        Files.writeString(tiles.resolve("gold.spend__tiles_1h.jsonl"), rows);
        Run fill = served("--fill", descriptor("v2").toString(), "--tiles", tiles.toString(), "--from", Long.toString(from),
                "--until", Long.toString(until));
        assertEquals(0, fill.exit(), fill.err());
        assertTrue(fill.out().startsWith("filled spend version v2 from batch: 3 tiles of 1 entities in ["), fill.out());
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir.resolve("store"), "reader")) {
            Map<String, String> hash = store.read(key);
            assertEquals(java.util.Set.of(from, now - 48 * HOUR, until - HOUR), hash.keySet().stream()
                    .map(dev.fsc.common.online.OnlineKeys::tileStartOf).collect(java.util.stream.Collectors.toSet()),
                    "the gap's tiles, none before or after it: " + hash);
            assertTrue(!hash.containsValue("partial"), "the stream's partial tile in the gap is replaced by the batch one");
        }
        assertEquals("{}\n", served("--gap", descriptor("v2").toString(), "--margin", Long.toString(HOUR)).out(), "filled: no gap left");
        Run warm = served("--switch", descriptor("v2").toString(), "--timeout", "5");
        assertEquals(0, warm.exit(), warm.err());
        assertEquals("serving spend version v2 (was v1)\n", warm.out());
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        Run stray = served("v1.json");
        assertEquals(2, stray.exit());
        assertTrue(stray.err().contains("unexpected argument v1.json"), stray.err());
    }
}
