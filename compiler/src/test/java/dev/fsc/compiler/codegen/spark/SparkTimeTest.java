package dev.fsc.compiler.codegen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SparkTimeTest {
    @Test
    void durationsInTheLargestWholeUnit() {
        assertEquals("INTERVAL 7 DAYS", SparkTime.interval(Duration.ofDays(7)));
        assertEquals("INTERVAL 36 HOURS", SparkTime.interval(Duration.ofHours(36)));
        assertEquals("INTERVAL 90 MINUTES", SparkTime.interval(Duration.ofMinutes(90)));
        assertEquals("INTERVAL 90 SECONDS", SparkTime.interval(Duration.ofSeconds(90)));
        assertEquals("1d", SparkTime.text(Duration.ofHours(24)));
        assertEquals("5m", SparkTime.text(Duration.ofMinutes(5)));
    }

    @Test
    void tileFloorsUseDateTruncWhereItFitsAndEpochArithmeticElsewhere() {
        assertEquals("date_trunc('HOUR', t)", SparkTime.floor("t", Duration.ofHours(1)));
        assertEquals("date_trunc('MINUTE', t)", SparkTime.floor("t", Duration.ofMinutes(1)));
        assertEquals("timestamp_seconds(unix_seconds(t) DIV 300 * 300)", SparkTime.floor("t", Duration.ofMinutes(5)));
    }

    @Test
    void binsAreWholeSecondsDividedByTheWidth() {
        assertEquals("unix_seconds(x.tile_start) DIV 86400", SparkTime.bin("x.tile_start", Duration.ofDays(1)));
    }

    @Test
    void dedupLooksBackOverWholeDaysPlusOne() {
        assertEquals(2, SparkTime.daysCovering(Duration.ofHours(24)));
        assertEquals(2, SparkTime.daysCovering(Duration.ofHours(6)));
        assertEquals(3, SparkTime.daysCovering(Duration.ofHours(25)));
    }
}
