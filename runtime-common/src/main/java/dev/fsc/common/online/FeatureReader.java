package dev.fsc.common.online;

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
        if (keys.size() != view.keys().size()) {
            throw new IllegalArgumentException("view " + view.view() + " has " + view.keys().size()
                    + " key column(s), got " + keys.size() + " value(s)");
        }
        Map<String, String> hash = store.read(OnlineKeys.entity(view.view(), view.version(), keys));
        TileMerge merge = new TileMerge(view, sketches);
        return merge.features(merge.decode(hash), tMillis);
    }
}
