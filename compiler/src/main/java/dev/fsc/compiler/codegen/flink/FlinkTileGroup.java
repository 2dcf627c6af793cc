package dev.fsc.compiler.codegen.flink;

import dev.fsc.common.online.OnlineTtl;
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

    /** Beyond the last moment an on-time event can update a tile: how long a job may be stopped or behind. */
    static final Duration RESTART_MARGIN = Duration.ofDays(1);

    /**
     * How long the streaming aggregate keeps a tile's state after the tile's last update (Flink's state TTL, which
     * counts processing time): the online ttl plus the lateness, and at least a tile plus the lateness plus
     * {@link #RESTART_MARGIN}.
     *
     * <p>An event reaches a tile at most a tile plus the lateness after the tile's first event (a later one goes to
     * the late table), and the online store reads a tile for at most its ttl: past both, no update can come that a
     * read would see. An update after the state expired would start the tile again from that one event and
     * overwrite the whole tile in the tile table and the online store, so the TTL adds a margin for the case in
     * which processing time runs ahead of arrival time: a job stopped or lagging for up to a day still finds the
     * state of every tile its backlog updates.
     *
     * @param lateness the longest lateness of the view's sources (zero when none declares one)
     */
    Duration stateTtl(Duration lateness) {
        Duration lateUpdates = size.plus(lateness).plus(RESTART_MARGIN);
        Duration reads = onlineTtl().map(t -> t.plus(lateness)).orElse(Duration.ZERO);
        return reads.compareTo(lateUpdates) > 0 ? reads : lateUpdates;
    }

    /** How long the online store keeps an entity's tiles after its last write ({@link OnlineTtl}; empty = always). */
    Optional<Duration> onlineTtl() {
        return OnlineTtl.millis(view.spec().ttl().map(l -> l.value().toMillis()), size.toMillis(),
                features.stream().map(f -> f.window().map(Duration::toMillis)).toList()).map(Duration::ofMillis);
    }
}
