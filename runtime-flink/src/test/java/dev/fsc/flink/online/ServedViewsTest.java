package dev.fsc.flink.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.online.FeatureReader;
import dev.fsc.common.online.OnlineKeys;
import dev.fsc.common.online.ServedViews;
import dev.fsc.common.online.StateType;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.flink.functions.HllSketches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Served versions and warm-up rules, on the embedded store (the {@code local} environment's real store). */
class ServedViewsTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long T = 1_760_000_000_000L / HOUR * HOUR;

    @TempDir
    Path dir;

    /** A view with one sum feature over 1 h tiles and a 1 day tile for a count; tiles of both sizes must report. */
    private static ViewDescriptor view(String version) {
        List<ViewDescriptor.Column> hourly = List.of(column("events", "BIGINT"), column("latest_event", "TIMESTAMP"),
                column("amount_sum", "DOUBLE"));
        List<ViewDescriptor.Column> daily = List.of(column("events", "BIGINT"), column("latest_event", "TIMESTAMP"));
        return new ViewDescriptor("spend", version, List.of(column("user_id", "BIGINT")), Optional.empty(),
                List.of(new ViewDescriptor.TileLayout(HOUR, "gold.spend__tiles_1h", hourly),
                        new ViewDescriptor.TileLayout(DAY, "gold.spend__tiles_1d", daily)),
                List.of(new ViewDescriptor.Feature("spend_24h", "sum", HOUR, Optional.of(DAY), List.of("amount_sum")),
                        new ViewDescriptor.Feature("orders_7d", "count", DAY, Optional.of(7 * DAY), List.of("events"))));
    }

    private static ViewDescriptor.Column column(String name, String type) {
        return new ViewDescriptor.Column(name, StateType.parse(type));
    }

    private static void progress(EmbeddedOnlineStore store, ViewDescriptor v, long tile, int subtask, int parallelism, long watermark) {
        store.upsert(ServedViews.progressKey(v.view(), v.version()),
                Map.of(ServedViews.progressField(tile, subtask, parallelism), Long.toString(watermark)), 0);
        store.flush();
    }

    @Test
    void progressNeedsEveryWriterOfEveryTileSizeAndIsTheLeastOfThem() {
        ViewDescriptor v2 = view("v2");
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir, "w")) {
            progress(store, v2, HOUR, 0, 2, T + 50);
            progress(store, v2, DAY, 0, 1, T + 90);
            assertEquals(OptionalLong.empty(), ServedViews.progress(store, v2), "subtask 1 of the hourly tiles has not reported");
            progress(store, v2, HOUR, 1, 2, T + 70);
            assertEquals(OptionalLong.of(T + 50), ServedViews.progress(store, v2));
            // rescaled to one hourly writer that has got further: the complete run that got furthest counts
            progress(store, v2, HOUR, 0, 1, T + 80);
            assertEquals(OptionalLong.of(T + 80), ServedViews.progress(store, v2));
        }
    }

    @Test
    void aNewVersionIsWarmOnlyOnceItsStreamReachedTheServedOne() {
        ViewDescriptor v1 = view("v1");
        ViewDescriptor v2 = view("v2");
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir, "w")) {
            assertTrue(ServedViews.warm(store, v1, Optional.empty()), "nothing served yet: the first version is served at once");
            progress(store, v1, HOUR, 0, 1, T + 100);
            progress(store, v1, DAY, 0, 1, T + 100);
            assertFalse(ServedViews.warm(store, v2, Optional.of(v1)), "no progress of v2 yet");
            progress(store, v2, HOUR, 0, 1, T + 100);
            progress(store, v2, DAY, 0, 1, T + 99);
            assertFalse(ServedViews.warm(store, v2, Optional.of(v1)), "its daily tiles are 1 ms behind");
            progress(store, v2, DAY, 0, 1, T + 100);
            assertTrue(ServedViews.warm(store, v2, Optional.of(v1)));
            assertTrue(ServedViews.warm(store, v1, Optional.of(v1)), "the served version itself");
        }
    }

    @Test
    void aNewVersionWhoseTopicNoLongerHoldsAWholeWindowIsNotWarm() {
        ViewDescriptor v1 = view("v1");
        ViewDescriptor v2 = view("v2");
        long watermark = T / DAY * DAY + 30 * DAY; // day-aligned: the window start is floored to the largest tile
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir, "w")) {
            for (ViewDescriptor v : List.of(v1, v2)) {
                progress(store, v, HOUR, 0, 1, watermark);
                progress(store, v, DAY, 0, 1, watermark);
            }
            earliest(store, v1, T);
            earliest(store, v2, watermark - 3 * DAY);
            assertFalse(ServedViews.warm(store, v2, Optional.of(v1)), "its tiles start 3 days back; the 7-day window needs 7");
            assertEquals(OptionalLong.of(watermark - 7 * DAY), ServedViews.neededFrom(store, v2, v1, OptionalLong.of(watermark)));
            earliest(store, v2, watermark - 7 * DAY);
            assertTrue(ServedViews.warm(store, v2, Optional.of(v1)), "a whole window back is enough, not everything v1 ever had");
        }
    }

    private static void earliest(EmbeddedOnlineStore store, ViewDescriptor v, long tileStart) {
        store.upsert(ServedViews.progressKey(v.view(), v.version()),
                Map.of(ServedViews.earliestField(DAY, 0, 1), Long.toString(tileStart)), 0);
        store.flush();
    }

    @Test
    void readersGetEveryFeatureFromTheServedVersionAndMoveInOneSwitch() {
        ViewDescriptor v1 = view("v1");
        ViewDescriptor v2 = view("v2");
        try (EmbeddedOnlineStore store = new EmbeddedOnlineStore(dir, "w")) {
            FeatureReader reader = new FeatureReader(store, new HllSketches());
            assertEquals(Optional.empty(), reader.servedFeaturesOfAll("spend", List.of(List.of(7L)), T));
            writeTiles(store, v1, 10.0, 3);
            writeTiles(store, v2, 20.0, 5);
            ServedViews.serve(store, List.of(v1), List.of());
            FeatureReader.Served before = reader.servedFeaturesOfAll("spend", List.of(List.of(7L)), T).orElseThrow();
            assertEquals("v1", before.version());
            assertEquals(Map.of("spend_24h", 10.0, "orders_7d", 3L), before.features().get(0));
            ServedViews.serve(store, List.of(v2), List.of());
            FeatureReader.Served after = reader.servedFeaturesOfAll("spend", List.of(List.of(7L)), T).orElseThrow();
            assertEquals("v2", after.version());
            assertEquals(Map.of("spend_24h", 20.0, "orders_7d", 5L), after.features().get(0));
            assertEquals(List.of(), ServedViews.unserved(ServedViews.served(store), List.of(v2)));
            ServedViews.serve(store, List.of(), List.of("spend"));
            assertEquals(Map.of(), ServedViews.served(store));
        }
    }

    /** One hourly tile with {@code amount} and one daily tile of {@code orders} events, just before T. */
    private static void writeTiles(EmbeddedOnlineStore store, ViewDescriptor v, double amount, long orders) {
        String key = OnlineKeys.entity(v.view(), v.version(), List.of(7L));
        long latest = T - 1;
        store.upsert(key, Map.of(
                OnlineKeys.field(HOUR, T - HOUR), "[1," + latest + "," + amount + "]",
                OnlineKeys.field(DAY, T - DAY), "[" + orders + "," + latest + "]"), 0);
        store.flush();
    }
}
