package dev.fsc.compiler.codegen.flink;

import dev.fsc.compiler.codegen.TableNames;
import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.FeatureViewSpec.FeatureSpec;
import dev.fsc.compiler.sql.FlinkSqlText;
import dev.fsc.compiler.sql.FlinkTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events of a job's feature views as temporary views, and each view's tiles: Iceberg table and online store. */
final class FlinkViewSql {
    private final Templates templates;

    FlinkViewSql(Templates templates) {
        this.templates = templates;
    }

    /** Statements defining the events view of each of these feature views. */
    List<String> events(List<FeatureView> views, Model model) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FeatureView v : views) {
            out.add(eventsOf(v, model));
        }
        Map<String, Object> m = Identifiers.model();
        m.put("views", out);
        return templates.statements("events.sql.ftl", m);
    }

    private static Map<String, Object> eventsOf(FeatureView view, Model model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", view.name());
        m.put("events", TemporaryNames.events(view.name()));
        m.put("keys", view.entity().keyNames().stream()
                .map(k -> Map.of("key", k, "column", view.keyColumns().get(k))).toList());
        if (view.spec().query().isPresent()) {
            m.put("query", FlinkSqlText.query(view.spec().query().get(), TemporaryNames::source, TemporaryNames::versions));
            m.put("eventTime", "event_time");
        } else {
            String source = view.spec().source().orElseThrow().value();
            m.put("source", TemporaryNames.source(source));
            m.put("eventTime", FlinkSourceSql.eventTime(model.source(source).orElseThrow()));
        }
        view.spec().filter().ifPresent(f -> m.put("filter", FlinkSqlText.expression(f)));
        List<Map<String, String>> values = new ArrayList<>();
        for (FeatureSpec f : view.spec().features()) {
            f.expr().ifPresent(e -> values.add(Map.of("name", TableNames.value(f.name().value()), "expr", FlinkSqlText.expression(e))));
        }
        m.put("values", values);
        return m;
    }

    /**
     * Statements keeping one tile group's tiles: the tile table, the online sink and the updating aggregate
     * both are written from.
     *
     * @param version the view's plan fingerprint: a breaking change writes new online keys
     * @param lateness the longest lateness of the view's sources: how late an event may still update a tile
     */
    List<String> tiles(FlinkTileGroup group, String version, Duration lateness) {
        FeatureView view = group.view();
        String size = Durations.format(group.size());
        Map<String, Object> m = Identifiers.model();
        m.put("view", view.name());
        m.put("table", group.table());
        m.put("online", TemporaryNames.of(view.name() + "__online_" + size));
        m.put("updates", TemporaryNames.of(view.name() + "__tile_updates_" + size));
        m.put("events", TemporaryNames.events(view.name()));
        m.put("tileSizeText", size);
        m.put("version", version);
        m.put("ttl", group.onlineTtl().map(Durations::format).orElse("0"));
        m.put("stateTtl", FlinkTime.compound(group.stateTtl(lateness)));
        m.put("stateTtlBasis", stateTtlBasis(group, lateness));
        m.put("keys", view.entity().keyNames());
        m.put("keyColumns", view.entity().keys().stream()
                .map(k -> Map.of("name", k.name().value(), "type", FlinkTypes.of(k.type().value()))).toList());
        m.put("floor", FlinkTime.floor("event_time", group.size()));
        m.put("states", group.states().stream()
                .map(s -> Map.of("name", s.name(), "type", s.type(), "aggregate", s.aggregate())).toList());
        return templates.statements("tiles.sql.ftl", m);
    }

    /** What the tile state's TTL was computed from, for the comment above it. */
    private static String stateTtlBasis(FlinkTileGroup group, Duration lateness) {
        String late = lateness.isZero() ? "lateness (none declared)" : "lateness (" + Durations.format(lateness) + ")";
        String floor = "a tile (" + Durations.format(group.size()) + ") + " + late + " + "
                + Durations.format(FlinkTileGroup.RESTART_MARGIN);
        return group.onlineTtl()
                .map(t -> "the online ttl (" + Durations.format(t) + ") + " + late + ", at least " + floor)
                .orElse(floor + " (the online store keeps these tiles forever)");
    }
}
