package dev.fsc.compiler.codegen.flink;

import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.codegen.TableVersions;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The features of a view computed on one tile size, the states their tiles keep (each once), and the tile table
 * they are appended to, at the environment's version of it.
 */
record FlinkTileGroup(FeatureView view, Duration size, List<Feature> features, List<FlinkTileState> states, String table) {
    FlinkTileGroup {
        features = List.copyOf(features);
        states = List.copyOf(states);
    }

    /** A view's features grouped by tile size, smallest first (the same groups, hence tables, as the Spark path). */
    static List<FlinkTileGroup> of(FeatureView view, TableVersions tables) {
        Map<Duration, List<Feature>> bySize = new TreeMap<>();
        for (Feature f : view.features()) {
            bySize.computeIfAbsent(f.tileSize(), k -> new ArrayList<>()).add(f);
        }
        List<FlinkTileGroup> groups = new ArrayList<>();
        bySize.forEach((size, features) -> {
            Map<String, FlinkTileState> states = new LinkedHashMap<>();
            features.forEach(f -> FlinkTileState.of(f).forEach(s -> states.putIfAbsent(s.name(), s)));
            groups.add(new FlinkTileGroup(view, size, features, List.copyOf(states.values()),
                    tables.physical(TableNames.tiles(view.name(), size))));
        });
        return groups;
    }

    /**
     * How long the online store keeps an entity's tiles after its last write: the longest window plus one tile
     * (what a read at the head of the window still needs), or the view's ttl when longer; a feature without a
     * window reads every tile ever, so the view's ttl bounds it, or nothing does (empty).
     */
    Optional<Duration> onlineTtl() {
        Optional<Duration> viewTtl = view.spec().ttl().map(l -> l.value());
        Duration longest = Duration.ZERO;
        for (Feature f : features) {
            if (f.window().isEmpty()) {
                return viewTtl;
            }
            Duration needed = f.window().get().plus(size);
            longest = needed.compareTo(longest) > 0 ? needed : longest;
        }
        Duration windowed = longest;
        return Optional.of(viewTtl.filter(t -> t.compareTo(windowed) > 0).orElse(windowed));
    }
}
