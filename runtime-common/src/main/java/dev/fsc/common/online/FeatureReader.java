package dev.fsc.common.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code features(view, keys, t)}: reads an entity's tiles from the online store and merges them. */
public final class FeatureReader {
    private final OnlineStore store;
    private final SketchUnion sketches;

    public FeatureReader(OnlineStore store, SketchUnion sketches) {
        this.store = store;
        this.sketches = sketches;
    }

    /** The view's features for one entity at {@code tMillis} (epoch milliseconds), in descriptor order. */
    public Map<String, Object> features(ViewDescriptor view, List<?> keys, long tMillis) {
        return featuresOfAll(view, List.of(keys), tMillis).get(0);
    }

    /**
     * The view's features for several entities at {@code tMillis}, one map per entity in request order; their
     * hashes are read together ({@link OnlineStore#readAll}).
     */
    public List<Map<String, Object>> featuresOfAll(ViewDescriptor view, List<? extends List<?>> entities, long tMillis) {
        List<String> hashKeys = new ArrayList<>(entities.size());
        for (List<?> keys : entities) {
            if (keys.size() != view.keys().size()) {
                throw new IllegalArgumentException("view " + view.view() + " has " + view.keys().size()
                        + " key column(s), got " + keys.size() + " value(s)");
            }
            hashKeys.add(OnlineKeys.entity(view.view(), view.version(), keys));
        }
        TileMerge merge = new TileMerge(view, sketches);
        List<Map<String, Object>> out = new ArrayList<>(entities.size());
        for (Map<String, String> hash : store.readAll(hashKeys)) {
            out.add(merge.features(merge.decode(hash), tMillis));
        }
        return out;
    }
}
