package dev.fsc.flink.it;

import dev.fsc.flink.functions.HllSketches;
import org.apache.datasketches.hll.HllSketch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A click log with the disorder a real stream has — events out of order, duplicates (within and
 * beyond the dedup window), late arrivals beyond the lateness — and an independent brute-force
 * oracle of the tiles the hand-written test job must produce (lateness 5m, dedup 10m, 1m tiles).
 */
final class ClickEvents {
    static final long MIN = 60_000;
    static final long LATENESS = 5 * MIN;
    static final long WITHIN = 10 * MIN;
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    record Click(String eventId, long userId, String item, long amount, long eventTime, long arrival) {
        String json() {
            return "{\"event_id\":\"" + eventId + "\",\"user_id\":" + userId + ",\"item\":\"" + item + "\",\"amount\":"
                    + amount + ",\"event_time\":\"" + SQL.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(eventTime), ZoneOffset.UTC)) + "\"}";
        }
    }

    /** One tile as the oracle computes it. */
    record Tile(long events, long latestEvent, long count, long amountSum, long distinctItems, long lastItemTime, String lastItem) {
    }

    /** Milliseconds of arrival time between one click and the next. */
    static final long SPACING_MILLIS = 30;

    /** {@code n} clicks of {@code users} users from {@code start}, about {@link #SPACING_MILLIS} apart, sorted by arrival. */
    static List<Click> generate(int n, int users, long start, long seed) {
        Random r = new Random(seed);
        List<Click> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long arrival = start + i * SPACING_MILLIS + r.nextInt((int) SPACING_MILLIS);
            long eventTime = arrival - r.nextInt(120_000); // up to 2 minutes of disorder
            if (r.nextInt(100) < 3) {
                eventTime = arrival - LATENESS - 1 - r.nextInt(600_000); // late beyond lateness
            }
            Click c = new Click("e" + i, 1 + r.nextInt(users), "item" + r.nextInt(50), 1 + r.nextInt(20), eventTime, arrival);
            out.add(c);
            int dup = r.nextInt(100);
            if (dup < 5) { // a redelivery within the dedup window: a duplicate
                out.add(new Click(c.eventId, c.userId, c.item, c.amount, c.eventTime, arrival + 1 + r.nextInt(60_000)));
            } else if (dup < 6) { // a resend after the window: a new event if on time (rarely: it is mostly late)
                out.add(new Click(c.eventId, c.userId, c.item, c.amount, arrival + WITHIN + 1000, arrival + WITHIN + 2000));
            }
        }
        out.sort(Comparator.comparingLong(Click::arrival));
        return out;
    }

    /** The tiles, keyed "user|tile_start". */
    static Map<String, Tile> oracle(List<Click> byArrival) {
        Map<String, Long> lastKept = new HashMap<>();
        Map<String, List<Click>> groups = new TreeMap<>();
        for (Click c : byArrival) {
            if (c.arrival - c.eventTime > LATENESS) {
                continue;
            }
            Long kept = lastKept.get(c.eventId);
            if (kept != null && c.arrival - kept <= WITHIN) {
                continue;
            }
            lastKept.put(c.eventId, c.arrival);
            groups.computeIfAbsent(key(c.userId, Math.floorDiv(c.eventTime, MIN) * MIN), k -> new ArrayList<>()).add(c);
        }
        Map<String, Tile> tiles = new TreeMap<>();
        groups.forEach((k, cs) -> {
            HllSketch sketch = HllSketches.empty();
            Click last = null;
            long latest = Long.MIN_VALUE;
            long sum = 0;
            for (Click c : cs) {
                HllSketches.add(sketch, c.item);
                sum += c.amount;
                latest = Math.max(latest, c.eventTime);
                if (last == null || c.eventTime > last.eventTime
                        || (c.eventTime == last.eventTime && c.item.compareTo(last.item) > 0)) {
                    last = c;
                }
            }
            tiles.put(k, new Tile(cs.size(), latest, cs.size(), sum, Math.round(sketch.getEstimate()), last.eventTime, last.item));
        });
        return tiles;
    }

    static String key(long userId, long tileStart) {
        return userId + "|" + tileStart;
    }
}
