package dev.fsc.flink.functions;

import dev.fsc.common.online.StateValues;

import java.util.ArrayList;
import java.util.List;

/**
 * State of {@code FSC_LAST} for one group: the current winner and, so that a retraction of the winner
 * can find the runner-up, every (event time, value) accumulated and not retracted.
 * Public fields and a no-argument constructor: Flink serialises it as a RAW type (Kryo).
 */
public final class LastAccumulator {
    public List<Long> times = new ArrayList<>();
    public List<Object> values = new ArrayList<>();
    public boolean hasBest;
    public long bestTime;
    public Object bestValue;

    void add(long time, Object value) {
        times.add(time);
        values.add(value);
        offer(time, value);
    }

    void remove(long time, Object value) {
        for (int i = 0; i < times.size(); i++) {
            if (times.get(i) == time && values.get(i).equals(value)) {
                times.remove(i);
                values.remove(i);
                break;
            }
        }
        if (hasBest && bestTime == time && bestValue.equals(value)) {
            hasBest = false;
            bestValue = null;
            for (int i = 0; i < times.size(); i++) {
                offer(times.get(i), values.get(i));
            }
        }
    }

    void addAll(LastAccumulator other) {
        for (int i = 0; i < other.times.size(); i++) {
            add(other.times.get(i), other.values.get(i));
        }
    }

    /** Greatest event time wins; a tie goes to the greater value (batch-semantics §4). */
    private void offer(long time, Object value) {
        if (!hasBest || time > bestTime || (time == bestTime && StateValues.compare(value, bestValue) > 0)) {
            hasBest = true;
            bestTime = time;
            bestValue = value;
        }
    }
}
