package dev.fsc.common.online;

import dev.fsc.common.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the read path needs to know about one feature view, emitted by the compiler as
 * {@code flink/online/<view>.json}: its keys, its tile layouts (one per tile size, the state columns
 * of the online store's tile fields in order) and its features (which columns of which layout merge
 * over which window).
 *
 * <p>Invariants: every feature names an existing tile layout and columns of it; a layout's columns
 * start with {@code events BIGINT} and {@code latest_event TIMESTAMP} (the ttl check reads them).
 *
 * @param view the view's name
 * @param version the view's plan fingerprint (part of the store key)
 * @param keys entity key columns in key order
 * @param ttlMillis the view's ttl: features are NULL when the latest event is older (absent = none)
 * @param tiles the tile layouts, one per tile size
 * @param features the features, in the view's order
 */
public record ViewDescriptor(String view, String version, List<Column> keys, Optional<Long> ttlMillis,
                             List<TileLayout> tiles, List<Feature> features) {

    /** A named, typed column. */
    public record Column(String name, StateType type) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * The tile state of one tile size.
     *
     * @param tileMillis the tile size
     * @param table the offline tile table ({@code gold.<view>__tiles_<g>})
     * @param columns state columns in stored order (not keys, not tile_start)
     */
    public record TileLayout(long tileMillis, String table, List<Column> columns) {
        public TileLayout {
            columns = List.copyOf(columns);
            if (columns.size() < 2 || !columns.get(0).name().equals("events")
                    || !columns.get(1).name().equals("latest_event")) {
                throw new IllegalArgumentException("tile layout " + table + ": columns must start with events, latest_event");
            }
        }

        /** Position of a state column. */
        public int indexOf(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("tile layout " + table + " has no column " + column);
        }

        /** The column types, for {@link StateValues#decode}. */
        public List<StateType> types() {
            return columns.stream().map(Column::type).toList();
        }
    }

    /**
     * One feature.
     *
     * @param name output name
     * @param agg count, count_distinct, sum, min, max, avg, last
     * @param tileMillis the tile layout it reads
     * @param windowMillis its window (absent = every event up to t)
     * @param columns the state columns it merges: one, or (sum, count) for avg
     */
    public record Feature(String name, String agg, long tileMillis, Optional<Long> windowMillis, List<String> columns) {
        public Feature {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(agg, "agg");
            Objects.requireNonNull(windowMillis, "windowMillis");
            columns = List.copyOf(columns);
            int expected = agg.equals("avg") ? 2 : 1;
            if (columns.size() != expected) {
                throw new IllegalArgumentException("feature " + name + ": " + agg + " merges " + expected + " column(s)");
            }
        }
    }

    public ViewDescriptor {
        keys = List.copyOf(keys);
        tiles = List.copyOf(tiles);
        features = List.copyOf(features);
        for (Feature f : features) {
            TileLayout layout = tiles.stream().filter(l -> l.tileMillis() == f.tileMillis()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("feature " + f.name() + ": no tile layout of "
                            + f.tileMillis() + " ms"));
            f.columns().forEach(layout::indexOf);
        }
    }

    /** How long the online store keeps an entity's tiles of {@code tileMillis} after their last write ({@link OnlineTtl}; empty = always). */
    public Optional<Long> keyTtlMillis(long tileMillis) {
        return OnlineTtl.millis(ttlMillis, tileMillis, features.stream().filter(f -> f.tileMillis() == tileMillis)
                .map(Feature::windowMillis).toList());
    }

    /** The largest tile size: a boundary of it is a boundary of every tile. */
    public long largestTileMillis() {
        return tiles.stream().mapToLong(TileLayout::tileMillis).max().orElseThrow();
    }

    /** The layout of one tile size. */
    public TileLayout layout(long tileMillis) {
        return tiles.stream().filter(l -> l.tileMillis() == tileMillis).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("view " + view + " has no " + tileMillis + " ms tiles"));
    }

    // ---------------------------------------------------------------- JSON

    /** The descriptor file's JSON (deterministic, trailing newline). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("view", view);
        root.put("version", version);
        root.put("keys", columnsJson(keys));
        ttlMillis.ifPresent(t -> root.put("ttlMillis", t));
        List<Object> tileList = new ArrayList<>();
        for (TileLayout l : tiles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tileMillis", l.tileMillis());
            m.put("table", l.table());
            m.put("columns", columnsJson(l.columns()));
            tileList.add(m);
        }
        root.put("tiles", tileList);
        List<Object> featureList = new ArrayList<>();
        for (Feature f : features) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("agg", f.agg());
            m.put("tileMillis", f.tileMillis());
            f.windowMillis().ifPresent(w -> m.put("windowMillis", w));
            m.put("columns", new ArrayList<Object>(f.columns()));
            featureList.add(m);
        }
        root.put("features", featureList);
        return Json.write(root) + "\n";
    }

    private static List<Object> columnsJson(List<Column> columns) {
        List<Object> out = new ArrayList<>();
        for (Column c : columns) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type().text());
            out.add(m);
        }
        return out;
    }

    /** Reads a descriptor file. */
    public static ViewDescriptor fromJson(String json) {
        Map<String, Object> root = Json.parseObject(json);
        List<TileLayout> tiles = new ArrayList<>();
        for (Map<String, Object> m : objects(root, "tiles")) {
            tiles.add(new TileLayout(number(m, "tileMillis"), string(m, "table"), columns(m, "columns")));
        }
        List<Feature> features = new ArrayList<>();
        for (Map<String, Object> m : objects(root, "features")) {
            List<String> cols = new ArrayList<>();
            for (Object c : (List<?>) m.get("columns")) {
                cols.add((String) c);
            }
            features.add(new Feature(string(m, "name"), string(m, "agg"), number(m, "tileMillis"),
                    Optional.ofNullable((Long) m.get("windowMillis")), cols));
        }
        return new ViewDescriptor(string(root, "view"), string(root, "version"), columns(root, "keys"),
                Optional.ofNullable((Long) root.get("ttlMillis")), tiles, features);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof List<?>)) {
            throw new IllegalArgumentException("view descriptor: " + field + " must be a list");
        }
        return (List<Map<String, Object>>) v;
    }

    private static List<Column> columns(Map<String, Object> m, String field) {
        List<Column> out = new ArrayList<>();
        for (Map<String, Object> c : objects(m, field)) {
            out.add(new Column(string(c, "name"), StateType.parse(string(c, "type"))));
        }
        return out;
    }

    private static String string(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof String s)) {
            throw new IllegalArgumentException("view descriptor: " + field + " must be a string");
        }
        return s;
    }

    private static long number(Map<String, Object> m, String field) {
        if (!(m.get(field) instanceof Long l)) {
            throw new IllegalArgumentException("view descriptor: " + field + " must be an integer");
        }
        return l;
    }
}
