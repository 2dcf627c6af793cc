package dev.fsc.common.online;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of a {@code last} feature in one tile: the latest non-NULL value and its event time
 * (Spark {@code STRUCT<event_time, value>}, Flink {@code ROW<event_time, value>}).
 */
public record LastValue(Instant eventTime, Object value) {
    public LastValue {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(value, "value");
    }

    /**
     * The later of two states; equal event times go to the greater value, as the batch path's
     * {@code MAX(named_struct(event_time, value))} does.
     */
    public static LastValue later(LastValue a, LastValue b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int byTime = a.eventTime.compareTo(b.eventTime);
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return StateValues.compare(a.value, b.value) >= 0 ? a : b;
    }
}
