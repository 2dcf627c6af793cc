package dev.fsc.common.online;

import java.util.List;
import java.util.Optional;

/**
 * How long the online store keeps an entity's tiles of one size after their last write — one rule for the
 * streaming job's online sink (its {@code ttl}) and for tiles loaded from batch, so both expire alike.
 */
public final class OnlineTtl {
    private OnlineTtl() {
    }

    /**
     * The longest window plus one tile (what a read at the head of the window still needs), or the view's ttl
     * when longer; a feature without a window reads every tile ever, so the view's ttl bounds it, or nothing
     * does (empty).
     *
     * @param viewTtlMillis the view's ttl, if it has one
     * @param tileMillis the tile size
     * @param windowMillis the window of each feature reading these tiles (empty = every tile up to t)
     */
    public static Optional<Long> millis(Optional<Long> viewTtlMillis, long tileMillis, List<Optional<Long>> windowMillis) {
        long longest = 0;
        for (Optional<Long> window : windowMillis) {
            if (window.isEmpty()) {
                return viewTtlMillis;
            }
            longest = Math.max(longest, window.get() + tileMillis);
        }
        long windowed = longest;
        return Optional.of(viewTtlMillis.filter(t -> t > windowed).orElse(windowed));
    }
}
