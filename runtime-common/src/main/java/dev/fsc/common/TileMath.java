package dev.fsc.common;

import java.time.Duration;

/**
 * Tile arithmetic shared by the compiler and both runtimes, so that batch and streaming cut time
 * the same way. A window W uses tiles of size g; its trailing edge is aligned to g ("sawtooth").
 */
public final class TileMath {
    private static final Duration ONE_DAY = Duration.ofDays(1);
    private static final Duration ONE_WEEK = Duration.ofDays(7);

    private TileMath() {
    }

    /** Default tile size: 1 minute for windows up to a day, 1 hour up to 7 days, 1 day above. */
    public static Duration defaultTileSize(Duration window) {
        if (window.compareTo(ONE_DAY) <= 0) {
            return Duration.ofMinutes(1);
        }
        if (window.compareTo(ONE_WEEK) <= 0) {
            return Duration.ofHours(1);
        }
        return ONE_DAY;
    }

    /** Start of the tile holding {@code epochMillis}: floor to a multiple of the tile size (UTC epoch aligned). */
    public static long tileStart(long epochMillis, Duration tileSize) {
        return Math.floorDiv(epochMillis, tileSize.toMillis()) * tileSize.toMillis();
    }

    /** Whether a window is a whole number of tiles. */
    public static boolean fits(Duration window, Duration tileSize) {
        return !window.isZero() && window.toMillis() % tileSize.toMillis() == 0;
    }
}
