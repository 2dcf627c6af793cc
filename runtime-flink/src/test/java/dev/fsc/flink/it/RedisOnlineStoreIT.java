package dev.fsc.flink.it;

import dev.fsc.common.online.FeatureReader;
import dev.fsc.flink.online.RedisOnlineStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipelined multi-entity read on a real redis-server answers exactly what one read per entity does. */
class RedisOnlineStoreIT {
    private static final Path WORK = Path.of("target/redis-online-store-it").toAbsolutePath();

    @Test
    void aPipelinedReadOfManyEntitiesEqualsOneReadPerEntity() throws Exception {
        WideView view = WideView.of(5, 48, 1_800_000_000_000L / WideView.HOUR * WideView.HOUR);
        try (RedisServer redis = RedisServer.start(WORK);
             RedisOnlineStore store = new RedisOnlineStore(URI.create(redis.uri(0)))) {
            view.load(store, 40, 11);
            // absent entities (40..44) come back empty, in their place in the request
            List<String> keys = new ArrayList<>();
            for (long user = 44; user >= 0; user -= 3) {
                keys.add(view.key(user));
            }
            List<Map<String, String>> together = store.readAll(keys);
            assertEquals(keys.size(), together.size());
            for (int i = 0; i < keys.size(); i++) {
                assertEquals(store.read(keys.get(i)), together.get(i), keys.get(i));
            }
            assertTrue(together.get(0).isEmpty(), "user 44 was never written");
            assertEquals(48, together.get(together.size() - 1).size());

            FeatureReader reader = new FeatureReader(store, sketches -> {
                throw new AssertionError("no sketches in this view");
            });
            long t = view.lastTileStart() + WideView.HOUR - 1;
            List<List<Long>> entities = List.of(List.of(3L), List.of(41L), List.of(17L));
            List<Map<String, Object>> batch = reader.featuresOfAll(view.descriptor(), entities, t);
            for (int i = 0; i < entities.size(); i++) {
                assertEquals(reader.features(view.descriptor(), entities.get(i), t), batch.get(i));
            }
            assertEquals(20, batch.get(0).size());
            assertTrue(batch.get(0).values().stream().allMatch(v -> v instanceof Double), batch.get(0).toString());
            assertTrue(batch.get(1).values().stream().allMatch(v -> v == null), "an absent entity has NULL features");
        }
    }
}
