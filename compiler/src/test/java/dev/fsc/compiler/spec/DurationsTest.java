package dev.fsc.compiler.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesEachUnit() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), Durations.parse("90s"));
        assertEquals(Optional.of(Duration.ofMinutes(10)), Durations.parse("10m"));
        assertEquals(Optional.of(Duration.ofHours(24)), Durations.parse("24h"));
        assertEquals(Optional.of(Duration.ofDays(7)), Durations.parse("7d"));
    }

    @Test
    void rejectsZeroBecauseNoWindowOrTileCanBeEmpty() {
        assertEquals(Optional.empty(), Durations.parse("0s"));
    }

    @Test
    void rejectsWhatTheSpecDoesNotAllow() {
        for (String text : new String[] {"", "7", "d", "1w", "-1h", "1.5h", "10 m", " 7d", "7d ", "1H", "7dd", "1h30m",
                "1234567890s"}) {
            assertEquals(Optional.empty(), Durations.parse(text), "`" + text + "` must not parse");
        }
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertEquals("7d", Durations.format(Duration.ofDays(7)));
        assertEquals("1d", Durations.format(Duration.ofHours(24)));
        assertEquals("1h", Durations.format(Duration.ofSeconds(3600)));
        assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("45s", Durations.format(Duration.ofSeconds(45)));
        assertEquals("36h", Durations.format(Duration.ofHours(36)));
    }

    @Test
    void formatsZeroInSeconds() {
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @Test
    void formatThenParseGivesTheSameDuration() {
        for (Duration d : new Duration[] {Duration.ofSeconds(61), Duration.ofMinutes(1440), Duration.ofDays(180)}) {
            assertEquals(Optional.of(d), Durations.parse(Durations.format(d)));
        }
    }
}
