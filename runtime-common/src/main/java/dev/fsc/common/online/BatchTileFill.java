package dev.fsc.common.online;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the tiles of a {@link HistoryGap} from the batch path's tile tables into a new version's keys, replacing
 * what its stream wrote there, then records that the version's history reaches back to the gap's start — so it can
 * become warm although its topic no longer holds a whole window. The batch tiles are the same partial aggregates
 * the stream writes (docs/batch-semantics.md), so readers merge both alike.
 */
public final class BatchTileFill {
    private BatchTileFill() {
    }

    /** What a fill wrote. */
    public record Filled(int entities, int tiles) {
    }

    /**
     * @param batch the version's tile tables as exported from the batch path (only their tiles in the gap are written)
     */
    public static Filled fill(OnlineStore store, ViewDescriptor view, ExportedTiles batch, HistoryGap gap) {
        long ttl = keyTtlMillis(view);
        int entities = 0;
        int tiles = 0;
        for (Map.Entry<String, Map<String, String>> entity : batch.hashes().entrySet()) {
            Map<String, String> inGap = new HashMap<>();
            entity.getValue().forEach((field, state) -> {
                if (gap.holds(OnlineKeys.tileStartOf(field))) {
                    inGap.put(field, state);
                }
            });
            if (!inGap.isEmpty()) {
                store.upsert(entity.getKey(), inGap, ttl);
                entities++;
                tiles += inGap.size();
            }
        }
        store.flush(); // the tiles first: the history record must never claim what readers cannot see
        ServedViews.recordBatchHistory(store, view, gap.from());
        return new Filled(entities, tiles);
    }

    /** The longest expiry of the view's tile sizes, as its online sinks set them (0 = never): a fill never shortens one. */
    private static long keyTtlMillis(ViewDescriptor view) {
        long longest = 0;
        for (ViewDescriptor.TileLayout layout : view.tiles()) {
            Optional<Long> ttl = view.keyTtlMillis(layout.tileMillis());
            if (ttl.isEmpty()) {
                return 0;
            }
            longest = Math.max(longest, ttl.get());
        }
        return longest;
    }
}
