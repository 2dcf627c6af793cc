package dev.fsc.compiler.codegen.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlinkTimeTest {
    @Test
    void compoundDurationsNameEachNonZeroUnitLargestFirst() {
        assertEquals("30d10m", FlinkTime.compound(Duration.ofDays(30).plusMinutes(10)));
        assertEquals("1d1h11m", FlinkTime.compound(Duration.ofHours(25).plusMinutes(11)));
        assertEquals("7d", FlinkTime.compound(Duration.ofHours(168)));
        assertEquals("1h30s", FlinkTime.compound(Duration.ofSeconds(3_630)));
        assertEquals("0s", FlinkTime.compound(Duration.ZERO));
    }
}
