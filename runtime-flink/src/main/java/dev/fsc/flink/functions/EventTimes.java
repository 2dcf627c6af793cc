package dev.fsc.flink.functions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Event times arrive as {@code TIMESTAMP(3)} (LocalDateTime, read as UTC) or {@code TIMESTAMP_LTZ(3)} (Instant). */
final class EventTimes {
    private EventTimes() {
    }

    static long millis(Object time) {
        if (time instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (time instanceof Instant t) {
            return t.toEpochMilli();
        }
        throw new IllegalArgumentException("not a timestamp: " + (time == null ? "null" : time.getClass().getName()));
    }

    static LocalDateTime utc(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
    }
}
