package dev.fsc.common.online;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code features(view, keys, t)}: reads an entity's tiles from the online store and merges them. */
public final class FeatureReader {
    private final OnlineStore store;
    private final SketchUnion sketches;
    /** The last served descriptor parsed, so a reader polling the same version parses it once. */
    private String servedJson;
    private ViewDescriptor servedDescriptor;

    public FeatureReader(OnlineStore store, SketchUnion sketches) {
        this.store = store;
        this.sketches = sketches;
    }

    /** The view's features for one entity at {@code tMillis} (epoch milliseconds), in descriptor order. */
    public Map<String, Object> features(ViewDescriptor view, List<?> keys, long tMillis) {
        return featuresOfAll(view, List.of(keys), tMillis).get(0);
    }

    /**
     * The features of the version of {@code view} readers are served now ({@link ServedViews}), for several
     * entities; empty when the view is not served. Every entity's features come from that one version.
     */
    public Optional<Served> servedFeaturesOfAll(String view, List<? extends List<?>> entities, long tMillis) {
        Optional<String> json = ServedViews.servedJson(store, view);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        if (!json.get().equals(servedJson)) {
            servedDescriptor = ViewDescriptor.fromJson(json.get());
            servedJson = json.get();
        }
        ViewDescriptor descriptor = servedDescriptor;
        return Optional.of(new Served(descriptor.version(), featuresOfAll(descriptor, entities, tMillis)));
    }

    /**
     * Features read from the served version of a view.
     *
     * @param version the version they were read from
     * @param features one map per entity, in request order
     */
    public record Served(String version, List<Map<String, Object>> features) {
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
