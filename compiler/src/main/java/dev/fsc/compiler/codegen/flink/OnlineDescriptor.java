package dev.fsc.compiler.codegen.flink;

import dev.fsc.common.online.StateType;
import dev.fsc.common.online.ViewDescriptor;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.sql.FlinkTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code flink/online/<view>.json}: what the online read path needs to serve a view's features from the
 * tiles the streaming job upserts (runtime-common's {@link ViewDescriptor}) — the key columns, the store
 * version, each tile size's state columns in the online sink's order, and per feature its aggregation,
 * window and the state columns it merges.
 */
final class OnlineDescriptor {
    private OnlineDescriptor() {
    }

    static ViewDescriptor of(FeatureView view, String version, List<FlinkTileGroup> groups) {
        List<ViewDescriptor.Column> keys = view.entity().keys().stream()
                .map(k -> column(k.name().value(), FlinkTypes.of(k.type().value()))).toList();
        List<ViewDescriptor.TileLayout> tiles = new ArrayList<>();
        for (FlinkTileGroup group : groups) {
            List<ViewDescriptor.Column> columns = new ArrayList<>();
            columns.add(column("events", "BIGINT"));
            columns.add(column("latest_event", "TIMESTAMP"));
            group.states().forEach(s -> columns.add(column(s.name(), s.stateType())));
            tiles.add(new ViewDescriptor.TileLayout(group.size().toMillis(), group.table(), columns));
        }
        List<ViewDescriptor.Feature> features = new ArrayList<>();
        for (Feature f : view.features()) {
            features.add(new ViewDescriptor.Feature(f.outputName(), f.agg().name().toLowerCase(java.util.Locale.ROOT),
                    f.tileSize().toMillis(), f.window().map(Duration::toMillis),
                    FlinkTileState.of(f).stream().map(FlinkTileState::name).toList()));
        }
        Optional<Long> ttl = view.spec().ttl().map(t -> t.value().toMillis());
        return new ViewDescriptor(view.name(), version, keys, ttl, tiles, features);
    }

    private static ViewDescriptor.Column column(String name, String type) {
        return new ViewDescriptor.Column(name, StateType.parse(type));
    }
}
