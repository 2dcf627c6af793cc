package dev.fsc.common.online;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;

/**
 * Feature values at time t from an entity's tiles — the read-time merge, the same as the batch join's.
 * A feature over window W with tile g reads the tiles with
 * {@code floor_g(t − W) <= tile_start <= floor_g(t)}: whole tiles, so the head tile counts fully (a
 * live read sees every event already in it). At a tile end ({@code t = tile_start + g − 1 ms}) this
 * is exactly the batch definition {@code floor_g(t − W) <= event_time <= t}; parity probes use such t.
 */
public final class TileMerge {
    private final ViewDescriptor view;
    private final SketchUnion sketches;

    /** Per tile size, its column types; per feature (descriptor order), where its merged column sits in a tile. */
    private final Map<Long, List<StateType>> types = new java.util.HashMap<>();
    private final int[] valueAt;

    public TileMerge(ViewDescriptor view, SketchUnion sketches) {
        this.view = view;
        this.sketches = sketches;
        view.tiles().forEach(l -> types.put(l.tileMillis(), l.types()));
        this.valueAt = view.features().stream()
                .mapToInt(f -> view.layout(f.tileMillis()).indexOf(f.columns().get(0))).toArray();
    }

    /** One decoded tile of one layout. */
    public record Tile(long tileMillis, long tileStart, List<Object> state) {
        public Tile {
            state = java.util.Collections.unmodifiableList(new ArrayList<>(state));
        }
    }

    /** Decodes the fields of an entity's hash ({@link OnlineKeys#field}) into tiles in tile order; fields of unknown tile sizes are skipped. */
    public List<Tile> decode(Map<String, String> hash) {
        List<Tile> out = new ArrayList<>();
        for (Map.Entry<String, String> e : hash.entrySet()) {
            long tileMillis = OnlineKeys.tileMillisOf(e.getKey());
            List<StateType> columns = types.get(tileMillis);
            if (columns == null) {
                continue; // a layout this descriptor version no longer has
            }
            out.add(new Tile(tileMillis, OnlineKeys.tileStartOf(e.getKey()), StateValues.decode(e.getValue(), columns)));
        }
        // a store's hash has no order; floating sums must add in tile order, as the batch merge does
        out.sort(java.util.Comparator.comparingLong(Tile::tileMillis).thenComparingLong(Tile::tileStart));
        return out;
    }

    /** Every feature of the view at {@code t}, in descriptor order (NULL values included). */
    public Map<String, Object> features(List<Tile> tiles, long t) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean expired = view.ttlMillis().map(ttl -> latestEventAtOrBefore(tiles, t) < t - ttl).orElse(false);
        // features over the same tiles and window share the one list of tiles in it
        Map<Window, List<Tile>> windows = new java.util.HashMap<>();
        for (int i = 0; i < valueAt.length; i++) {
            ViewDescriptor.Feature f = view.features().get(i);
            out.put(f.name(), expired ? null
                    : merge(f, valueAt[i], windows.computeIfAbsent(Window.of(f, t), w -> w.select(tiles))));
        }
        return out;
    }

    private long latestEventAtOrBefore(List<Tile> tiles, long t) {
        long latest = Long.MIN_VALUE;
        for (Tile tile : tiles) {
            Instant e = (Instant) tile.state().get(1);
            if (e != null && e.toEpochMilli() <= t) {
                latest = Math.max(latest, e.toEpochMilli());
            }
        }
        return latest;
    }

    /** The tiles a read at t merges for a tile size and window: {@code first <= tile_start <= head}. */
    private record Window(long tileMillis, long first, long head) {
        static Window of(ViewDescriptor.Feature f, long t) {
            long g = f.tileMillis();
            return new Window(g, f.windowMillis().map(w -> Math.floorDiv(t - w, g) * g).orElse(Long.MIN_VALUE),
                    Math.floorDiv(t, g) * g);
        }

        List<Tile> select(List<Tile> tiles) {
            List<Tile> out = new ArrayList<>();
            for (Tile x : tiles) {
                if (x.tileMillis() == tileMillis && x.tileStart() >= first && x.tileStart() <= head) {
                    out.add(x);
                }
            }
            return out;
        }
    }

    private Object merge(ViewDescriptor.Feature f, int valueAt, List<Tile> tiles) {
        ViewDescriptor.TileLayout layout = view.layout(f.tileMillis());
        List<Object> values = new ArrayList<>(tiles.size());
        for (Tile t : tiles) {
            Object v = t.state().get(valueAt);
            if (v != null) {
                values.add(v);
            }
        }
        return switch (f.agg()) {
            case "count" -> values.stream().mapToLong(v -> (Long) v).sum();
            case "sum" -> sum(values);
            case "min" -> values.stream().reduce((a, b) -> StateValues.compare(a, b) <= 0 ? a : b).orElse(null);
            case "max" -> values.stream().reduce((a, b) -> StateValues.compare(a, b) >= 0 ? a : b).orElse(null);
            case "last" -> values.stream().map(LastValue.class::cast).reduce(LastValue::later).map(LastValue::value).orElse(null);
            case "count_distinct" -> sketches.estimate(values.stream().map(byte[].class::cast).toList());
            case "avg" -> avg(f, layout, tiles, values);
            default -> throw new IllegalArgumentException("feature " + f.name() + ": unknown aggregation " + f.agg());
        };
    }

    private static Object sum(List<Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        Object first = values.get(0);
        if (first instanceof Long) {
            return values.stream().mapToLong(v -> (Long) v).sum();
        }
        if (first instanceof BigDecimal) {
            return values.stream().map(BigDecimal.class::cast).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        // Sum in tile order (ascending tile_start), the order the batch merge adds them.
        double s = 0;
        for (Object v : values) {
            s += (Double) v;
        }
        return s;
    }

    private static Object avg(ViewDescriptor.Feature f, ViewDescriptor.TileLayout layout, List<Tile> tiles, List<Object> sums) {
        long count = 0;
        int countAt = layout.indexOf(f.columns().get(1));
        for (Tile t : tiles) {
            Object c = t.state().get(countAt);
            count += c == null ? 0 : (Long) c;
        }
        if (count == 0) {
            return null;
        }
        Object total = sum(sums);
        return ((Number) total).doubleValue() / count;
    }
}
