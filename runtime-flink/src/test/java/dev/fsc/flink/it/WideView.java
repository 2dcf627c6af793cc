package dev.fsc.flink.it;

import dev.fsc.common.online.OnlineKeys;
import dev.fsc.common.online.OnlineStore;
import dev.fsc.common.online.StateType;
import dev.fsc.common.online.StateValues;
import dev.fsc.common.online.ViewDescriptor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A wide feature view for the online read path: hourly tiles holding {@code columns} DOUBLE sums, and
 * {@code columns × 4} features (sum, max, min, sum over 1 h, 6 h, 24 h, 48 h), with entities of
 * {@code tiles} hourly tiles each, written to a store the way the streaming sink writes them.
 */
record WideView(ViewDescriptor descriptor, int tiles, long lastTileStart) {
    static final long HOUR = 3_600_000L;
    private static final long[] WINDOW_HOURS = {1, 6, 24, 48};
    private static final String[] AGGS = {"sum", "max", "min", "sum"};

    static WideView of(int columns, int tiles, long lastTileStart) {
        List<ViewDescriptor.Column> state = new ArrayList<>();
        state.add(new ViewDescriptor.Column("events", StateType.parse("BIGINT")));
        state.add(new ViewDescriptor.Column("latest_event", StateType.parse("TIMESTAMP")));
        List<ViewDescriptor.Feature> features = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            state.add(new ViewDescriptor.Column("v" + c, StateType.parse("DOUBLE")));
            for (int w = 0; w < WINDOW_HOURS.length; w++) {
                features.add(new ViewDescriptor.Feature("v" + c + "_" + AGGS[w] + "_" + WINDOW_HOURS[w] + "h", AGGS[w],
                        HOUR, Optional.of(WINDOW_HOURS[w] * HOUR), List.of("v" + c)));
            }
        }
        ViewDescriptor view = new ViewDescriptor("wide", "v1",
                List.of(new ViewDescriptor.Column("user_id", StateType.parse("BIGINT"))), Optional.empty(),
                List.of(new ViewDescriptor.TileLayout(HOUR, "gold.wide__tiles_1h", state)), features);
        return new WideView(view, tiles, lastTileStart);
    }

    /** Writes entities {@code 0 .. entities-1}, each with its tiles ending at {@link #lastTileStart}. */
    void load(OnlineStore store, int entities, long seed) {
        Random random = new Random(seed);
        int columns = descriptor.layout(HOUR).columns().size() - 2;
        for (long user = 0; user < entities; user++) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int t = 0; t < tiles; t++) {
                long start = lastTileStart - t * HOUR;
                List<Object> values = new ArrayList<>();
                values.add(1L + random.nextInt(50));
                values.add(Instant.ofEpochMilli(start + random.nextInt((int) HOUR)));
                for (int c = 0; c < columns; c++) {
                    values.add(Math.round(random.nextDouble() * 10_000) / 100.0);
                }
                fields.put(OnlineKeys.field(HOUR, start), StateValues.encode(values));
            }
            store.upsert(key(user), fields, 0);
            if (user % 500 == 499) {
                store.flush();
            }
        }
        store.flush();
    }

    String key(long user) {
        return OnlineKeys.entity(descriptor.view(), descriptor.version(), List.of(user));
    }
}
