package dev.fsc.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TileMathTest {
    @Test
    void defaultTileSizeFollowsTheWindowLength() {
        assertEquals(Duration.ofMinutes(1), TileMath.defaultTileSize(Duration.ofHours(1)));
        assertEquals(Duration.ofMinutes(1), TileMath.defaultTileSize(Duration.ofDays(1)));
        assertEquals(Duration.ofHours(1), TileMath.defaultTileSize(Duration.ofHours(25)));
        assertEquals(Duration.ofHours(1), TileMath.defaultTileSize(Duration.ofDays(7)));
        assertEquals(Duration.ofDays(1), TileMath.defaultTileSize(Duration.ofDays(8)));
    }

    @Test
    void tileStartFloorsIncludingBeforeTheEpoch() {
        Duration hour = Duration.ofHours(1);
        assertEquals(3_600_000L, TileMath.tileStart(3_600_000L, hour));
        assertEquals(3_600_000L, TileMath.tileStart(7_199_999L, hour));
        assertEquals(-3_600_000L, TileMath.tileStart(-1L, hour));
    }

    @Test
    void windowsMustBeWholeTiles() {
        assertTrue(TileMath.fits(Duration.ofMinutes(90), Duration.ofMinutes(1)));
        assertFalse(TileMath.fits(Duration.ofMinutes(90), Duration.ofHours(1)));
        assertFalse(TileMath.fits(Duration.ZERO, Duration.ofHours(1)));
    }
}
