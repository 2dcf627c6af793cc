package dev.fsc.flink.online;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The {@code fsc-online} sink's options (Contract §4), validated.
 *
 * @param store store URI
 * @param view view name
 * @param version the view's plan fingerprint
 * @param tileMillis tile size
 * @param ttlMillis key expiry refreshed on write (0 = none)
 * @param flushMillis longest time a tile waits in the buffer
 * @param bufferRows pending tiles that trigger a flush
 * @param keyColumns entity key columns (primary key without tile_start)
 */
record OnlineSinkOptions(String store, String view, String version, long tileMillis, long ttlMillis,
                         long flushMillis, int bufferRows, List<String> keyColumns) implements Serializable {
    OnlineSinkOptions {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(version, "version");
        keyColumns = List.copyOf(keyColumns);
        if (tileMillis <= 0 || flushMillis <= 0 || bufferRows <= 0 || ttlMillis < 0) {
            throw new IllegalArgumentException("fsc-online " + view + ": tile, flush-interval and buffer-rows must be positive, ttl >= 0");
        }
    }
}
