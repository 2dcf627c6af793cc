package dev.fsc.common.online;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part of a new version's history that its stream cannot rebuild: the topic no longer holds the events of
 * the oldest tiles the served version's readers need (its retention is shorter than the longest window), so the
 * new version's stream, though caught up, reaches back less far than {@link ServedViews#neededFrom}. Tiles from
 * the batch path fill it ({@link BatchTileFill}).
 *
 * @param from the first tile start needed: a boundary of the view's largest tile
 * @param until where the stream's own tiles are whole: the first boundary of the largest tile after the stream's
 *     earliest tile plus a margin. Before it the stream's tiles may lack events the topic had already dropped, or
 *     count again records whose first copy it had dropped (the margin is the dedup interval), so batch tiles
 *     replace them.
 */
public record HistoryGap(long from, long until) {
    public HistoryGap {
        if (from >= until) {
            throw new IllegalArgumentException("history gap [" + from + ", " + until + ") is empty");
        }
    }

    /**
     * The gap of {@code next} against the version readers are served, once its stream has caught up
     * ({@link ServedViews#caughtUp}); empty when the stream's tiles reach back far enough (or nothing bounds
     * what is needed).
     *
     * @param marginMillis how long after a stream's first record its tiles may still be wrong (the dedup interval)
     */
    public static Optional<HistoryGap> of(OnlineStore store, ViewDescriptor next, ViewDescriptor served, long marginMillis) {
        OptionalLong needed = ServedViews.neededFrom(store, next, served, ServedViews.progress(store, served));
        OptionalLong streamed = ServedViews.earliest(store, next);
        if (needed.isEmpty() || streamed.isEmpty() || streamed.getAsLong() <= needed.getAsLong()) {
            return Optional.empty();
        }
        long tile = next.largestTileMillis();
        long until = Math.floorDiv(streamed.getAsLong() + marginMillis, tile) * tile + tile;
        return Optional.of(new HistoryGap(Math.floorDiv(needed.getAsLong(), tile) * tile, until));
    }

    /** Whether a tile starting at {@code tileStartMillis} lies in the gap. */
    public boolean holds(long tileStartMillis) {
        return tileStartMillis >= from && tileStartMillis < until;
    }
}
