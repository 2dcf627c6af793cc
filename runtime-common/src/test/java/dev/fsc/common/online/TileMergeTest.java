package dev.fsc.common.online;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TileMergeTest {
    private static final long MIN = 60_000;
    private static final long T0 = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();

    private static ViewDescriptor view(Optional<Long> ttl) {
        ViewDescriptor.TileLayout layout = new ViewDescriptor.TileLayout(MIN, "gold.v__tiles_1m", List.of(
                new ViewDescriptor.Column("events", StateType.parse("BIGINT")),
                new ViewDescriptor.Column("latest_event", StateType.parse("TIMESTAMP")),
                new ViewDescriptor.Column("n__count", StateType.parse("BIGINT")),
                new ViewDescriptor.Column("usd__sum", StateType.parse("DECIMAL(12,2)")),
                new ViewDescriptor.Column("x__sum", StateType.parse("DOUBLE")),
                new ViewDescriptor.Column("x__count", StateType.parse("BIGINT")),
                new ViewDescriptor.Column("s__last", StateType.parse("LAST<STRING>"))));
        return new ViewDescriptor("v", "abc123", List.of(new ViewDescriptor.Column("user_id", StateType.parse("BIGINT"))),
                ttl, List.of(layout), List.of(
                new ViewDescriptor.Feature("n_3m", "count", MIN, Optional.of(3 * MIN), List.of("n__count")),
                new ViewDescriptor.Feature("usd_3m", "sum", MIN, Optional.of(3 * MIN), List.of("usd__sum")),
                new ViewDescriptor.Feature("x_avg", "avg", MIN, Optional.empty(), List.of("x__sum", "x__count")),
                new ViewDescriptor.Feature("s_last", "last", MIN, Optional.empty(), List.of("s__last"))));
    }

    private static String tile(long start, long n, String usd, double x, String s, long sAt) {
        return StateValues.encode(java.util.Arrays.asList(n, Instant.ofEpochMilli(start + 30_000), n,
                new BigDecimal(usd), x, n, new LastValue(Instant.ofEpochMilli(sAt), s)));
    }

    private static Map<String, String> hash() {
        Map<String, String> h = new HashMap<>();
        h.put(OnlineKeys.field(MIN, T0), tile(T0, 1, "1.50", 2.0, "a", T0 + 1));
        h.put(OnlineKeys.field(MIN, T0 + MIN), tile(T0 + MIN, 2, "2.25", 4.0, "b", T0 + MIN + 5));
        h.put(OnlineKeys.field(MIN, T0 + 4 * MIN), tile(T0 + 4 * MIN, 3, "10.00", 9.0, "c", T0 + 4 * MIN));
        return h;
    }

    @Test
    void mergesWholeTilesFromTheAlignedTrailingEdgeToTheHeadTile() {
        TileMerge merge = new TileMerge(view(Optional.empty()), s -> s.size());
        List<TileMerge.Tile> tiles = merge.decode(hash());
        // t = end of the 2nd tile: window 3m reaches back to floor(t - 3m) = T0 - 2m, so tiles T0, T0+1m.
        Map<String, Object> at = merge.features(tiles, T0 + 2 * MIN - 1);
        assertEquals(3L, at.get("n_3m"));
        assertEquals(new BigDecimal("3.75"), at.get("usd_3m"));
        assertEquals(6.0 / 3, at.get("x_avg"));
        assertEquals("b", at.get("s_last"));
        // t = end of the tile at T0+4m: floor(t - 3m) = T0+1m, so tiles T0+1m and T0+4m.
        Map<String, Object> later = merge.features(tiles, T0 + 5 * MIN - 1);
        assertEquals(5L, later.get("n_3m"));
        assertEquals(new BigDecimal("12.25"), later.get("usd_3m"));
        assertEquals(15.0 / 6, later.get("x_avg"));
        assertEquals("c", later.get("s_last"));
    }

    @Test
    void decodesTilesInTileOrderWhateverTheHashOrder() {
        // Redis hands a hash back in no particular order; floating sums must still add in tile order
        Map<String, String> reversed = new java.util.LinkedHashMap<>();
        for (int i = 9; i >= 0; i--) {
            reversed.put(OnlineKeys.field(MIN, T0 + i * MIN), tile(T0 + i * MIN, 1, "1.00", 0.1 * (i + 1), "a", T0));
        }
        List<Long> starts = new TileMerge(view(Optional.empty()), s -> s.size()).decode(reversed).stream()
                .map(TileMerge.Tile::tileStart).toList();
        assertEquals(java.util.stream.LongStream.range(0, 10).mapToObj(i -> T0 + i * MIN).toList(), starts);
    }

    @Test
    void numericTileStatesDecodeToTheirColumnTypes() {
        List<StateType> types = java.util.stream.Stream.of("BIGINT", "TIMESTAMP", "DOUBLE", "DOUBLE", "BOOLEAN", "DATE", "BIGINT")
                .map(StateType::parse).toList();
        List<Object> values = java.util.Arrays.asList(7L, Instant.ofEpochMilli(T0), 1.0E-5, -27490.789999999997, true,
                java.time.LocalDate.of(2026, 11, 22), null);
        assertEquals(values, StateValues.decode(StateValues.encode(values), types));
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StateValues.decode("[7,1.5]", List.of(StateType.parse("BIGINT"), StateType.parse("BIGINT"))));
        org.junit.jupiter.api.Assertions.assertTrue(wrong.getMessage().contains("[7,1.5]"), wrong.getMessage());
    }

    @Test
    void emptyWindowGivesZeroCountsAndNullOtherwise() {
        TileMerge merge = new TileMerge(view(Optional.empty()), s -> s.size());
        Map<String, Object> before = merge.features(merge.decode(hash()), T0 - 1);
        assertEquals(0L, before.get("n_3m"));
        assertNull(before.get("usd_3m"));
        assertNull(before.get("x_avg"));
        assertNull(before.get("s_last"));
    }

    @Test
    void ttlNullsEveryFeatureWhenTheLatestEventIsTooOld() {
        TileMerge merge = new TileMerge(view(Optional.of(2 * MIN)), s -> s.size());
        List<TileMerge.Tile> tiles = merge.decode(hash());
        // latest event at or before t = T0+1m+30s; t - ttl = T0+1m+59.999s > it -> expired
        Map<String, Object> at = merge.features(tiles, T0 + 4 * MIN - 1);
        assertNull(at.get("n_3m"));
        assertNull(at.get("s_last"));
        assertEquals(3L, merge.features(tiles, T0 + 2 * MIN - 1).get("n_3m"));
    }

    @Test
    void lastTiesGoToTheGreaterValue() {
        Instant t = Instant.ofEpochMilli(T0);
        assertEquals("b", LastValue.later(new LastValue(t, "a"), new LastValue(t, "b")).value());
        assertEquals("a", LastValue.later(new LastValue(t.plusMillis(1), "a"), new LastValue(t, "b")).value());
    }

    @Test
    void descriptorAndStateRoundTrip() {
        ViewDescriptor v = view(Optional.of(5L));
        assertEquals(v, ViewDescriptor.fromJson(v.toJson()));
        String text = tile(T0, 1, "1.50", 0.1, "x\"y", T0);
        assertEquals(text, StateValues.encode(StateValues.decode(text, v.layout(MIN).types())));
        assertEquals("fsc:v:abc123:7|", OnlineKeys.entity("v", "abc123", java.util.Arrays.asList(7L, null)));
    }
}
