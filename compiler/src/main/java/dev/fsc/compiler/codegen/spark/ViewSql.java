package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.FeatureViewSpec.FeatureSpec;
import dev.fsc.compiler.sql.SparkSqlText;
import dev.fsc.compiler.sql.SparkTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The events of every source and feature view as temporary views, and each view's tile tables. */
final class ViewSql {
    private final Templates templates;
    private final SparkNames names;

    ViewSql(Templates templates, SparkNames names) {
        this.templates = templates;
        this.names = names;
    }

    /** The features of a view computed on one tile size, and the states their tiles keep. */
    record TileGroup(FeatureView view, Duration size, List<Feature> features, List<TileState> states) {
        /** The group's tile table at the environment's version of it. */
        String table(SparkNames names) {
            return names.tiles(view.name(), size);
        }
    }

    /** A view's features grouped by tile size, smallest first; each group's states once per feature spec. */
    static List<TileGroup> tileGroups(FeatureView view) {
        Map<Duration, List<Feature>> bySize = new TreeMap<>();
        for (Feature f : view.features()) {
            bySize.computeIfAbsent(f.tileSize(), k -> new ArrayList<>()).add(f);
        }
        List<TileGroup> groups = new ArrayList<>();
        bySize.forEach((size, features) -> groups.add(group(view, size, features)));
        return groups;
    }

    /** The group of these features of a view on one tile size. */
    static TileGroup group(FeatureView view, Duration size, List<Feature> features) {
        Map<String, TileState> states = new LinkedHashMap<>();
        for (Feature f : features) {
            TileState.of(f).forEach(s -> states.putIfAbsent(s.name(), s));
        }
        return new TileGroup(view, size, List.copyOf(features), List.copyOf(states.values()));
    }

    /** Statements defining the events views of all sources and feature views. */
    List<String> events(Model model) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Source s : model.sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("cdc", SourceSql.isCdc(s));
            m.put("silver", names.silver(s.name()));
            m.put("columns", s.columns().stream().map(Column::name).toList());
            sources.add(m);
        }
        List<Map<String, Object>> views = new ArrayList<>();
        for (FeatureView v : model.views()) {
            views.add(eventsOf(v, model));
        }
        return templates.statements("events.sql.ftl", Map.of("sources", sources, "views", views));
    }

    private Map<String, Object> eventsOf(FeatureView view, Model model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", view.name());
        m.put("events", SparkNames.events(view.name()));
        m.put("keys", view.entity().keyNames().stream()
                .map(k -> Map.of("key", k, "column", view.keyColumns().get(k))).toList());
        if (view.spec().query().isPresent()) {
            m.put("query", SparkSqlText.query(view.spec().query().get(), names::versions));
            m.put("eventTime", "event_time");
        } else {
            String source = view.spec().source().orElseThrow().value();
            m.put("source", source);
            m.put("eventTime", SourceSql.eventTime(model.source(source).orElseThrow()));
        }
        view.spec().filter().ifPresent(f -> m.put("filter", SparkSqlText.expression(f)));
        List<Map<String, String>> values = new ArrayList<>();
        for (FeatureSpec f : view.spec().features()) {
            f.expr().ifPresent(e -> values.add(Map.of("name", SparkNames.value(f.name().value()), "expr", SparkSqlText.expression(e))));
        }
        m.put("values", values);
        return m;
    }

    /** Statements writing the run's tiles of one group. */
    List<String> tiles(TileGroup group, Model model) {
        FeatureView view = group.view();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("view", view.name());
        m.put("table", group.table(names));
        m.put("events", SparkNames.events(view.name()));
        m.put("tileSizeText", SparkTime.text(group.size()));
        m.put("keys", view.entity().keyNames());
        m.put("keyColumns", keyColumns(view.entity()));
        m.put("floor", SparkTime.floor("event_time", group.size()));
        m.put("snapshotSources", view.inputSources().stream().map(model::source).flatMap(java.util.Optional::stream)
                .filter(SourceSql::isCdc).map(s -> names.silver(s.name())).toList());
        m.put("states", group.states().stream()
                .map(s -> Map.of("name", s.name(), "type", s.type(), "aggregate", s.over(""))).toList());
        return templates.statements("tiles.sql.ftl", m);
    }

    static List<Map<String, String>> keyColumns(EntitySpec entity) {
        return entity.keys().stream()
                .map(k -> Map.of("name", k.name().value(), "type", SparkTypes.of(k.type().value()))).toList();
    }
}
