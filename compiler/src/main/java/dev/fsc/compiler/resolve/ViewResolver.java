package dev.fsc.compiler.resolve;

import dev.fsc.common.TileMath;
import dev.fsc.compiler.diag.Code;
import dev.fsc.compiler.diag.Diagnostic;
import dev.fsc.compiler.source.SourcePos;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.FeatureViewSpec;
import dev.fsc.compiler.spec.FeatureViewSpec.Agg;
import dev.fsc.compiler.spec.FeatureViewSpec.FeatureSpec;
import dev.fsc.compiler.spec.KeyMapping;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.SourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Resolves a feature view: entity, source, key bindings, windows and the output columns. */
final class ViewResolver {
    private static final Set<Agg> NEEDS_EXPR = Set.of(Agg.SUM, Agg.AVG, Agg.MIN, Agg.MAX, Agg.LAST, Agg.COUNT_DISTINCT);
    private final Scope scope;

    ViewResolver(Scope scope) {
        this.scope = scope;
    }

    Optional<ResolvedView> resolve(FeatureViewSpec view) {
        int before = scope.diagnostics().size();
        Optional<EntitySpec> entity = scope.entity(view.entity());
        Optional<SourceSpec> source = view.source().flatMap(scope::source);
        Map<String, String> keyColumns = entity.map(e -> bindKeys(view, e, source)).orElse(Map.of());
        source.ifPresent(s -> checkOnline(view, s));
        List<FeatureOutput> outputs = outputs(view);
        checkTtl(view, outputs);
        boolean clean = scope.diagnostics().subList(before, scope.diagnostics().size()).stream().noneMatch(Diagnostic::isError);
        boolean inputResolved = view.query().isPresent() || source.isPresent();
        if (!clean || entity.isEmpty() || !inputResolved) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedView(view, entity.get(), source, keyColumns, outputs));
    }

    /** Entity key → input column; a key not mapped explicitly binds to the column of the same name. */
    private Map<String, String> bindKeys(FeatureViewSpec view, EntitySpec entity, Optional<SourceSpec> source) {
        Map<String, String> bindings = new LinkedHashMap<>();
        for (KeyMapping mapping : view.keys()) {
            if (!entity.keyNames().contains(mapping.key().value())) {
                scope.report(Diagnostic.error(Code.ENTITY_KEY_MISMATCH, mapping.key().pos(),
                                "`" + mapping.key().value() + "` is not a key of entity `" + entity.name().value() + "`")
                        .withHint("`keys:` maps each entity key to a column; entity `" + entity.name().value()
                                + "` has keys: " + String.join(", ", entity.keyNames())));
            }
        }
        for (EntitySpec.Key key : entity.keys()) {
            Optional<KeyMapping> explicit = view.keys().stream().filter(k -> k.key().value().equals(key.name().value())).findFirst();
            Located<String> column = explicit.map(KeyMapping::column).orElse(new Located<>(key.name().value(), view.entity().pos()));
            bindings.put(key.name().value(), column.value());
            source.ifPresent(s -> checkKeyColumn(view, entity, key, column, explicit.isPresent(), s));
        }
        return bindings;
    }

    private void checkKeyColumn(FeatureViewSpec view, EntitySpec entity, EntitySpec.Key key, Located<String> column,
                                boolean explicit, SourceSpec source) {
        Optional<SourceSpec.ColumnSpec> found = source.column(column.value());
        if (found.isEmpty()) {
            if (explicit) {
                scope.column(source, column, "key column");
            } else {
                SourcePos at = view.keys().isEmpty() ? view.entity().pos() : view.keys().get(0).key().pos();
                scope.report(Diagnostic.error(Code.ENTITY_KEY_MISMATCH, at,
                                "entity key `" + key.name().value() + "` of `" + entity.name().value()
                                        + "` has no column in source `" + source.name().value() + "`")
                        .withHint("map it under `keys:`, e.g. `keys: { " + key.name().value() + ": <column> }`"));
            }
            return;
        }
        String keyType = SqlTypeNames.normalize(key.type().value());
        String columnType = SqlTypeNames.normalize(found.get().type().value());
        if (!keyType.equals(columnType)) {
            scope.report(Diagnostic.error(Code.KEY_TYPE_MISMATCH, explicit ? column.pos() : view.entity().pos(),
                            "entity key `" + key.name().value() + "` is " + keyType + " but column `" + column.value()
                                    + "` of `" + source.name().value() + "` is " + columnType)
                    .withHint("keys join online and offline data: declare both with the same type, or map a column of type "
                            + keyType));
        }
    }

    private void checkOnline(FeatureViewSpec view, SourceSpec source) {
        if (view.online() && source.type().value() == SourceSpec.SourceType.BATCH) {
            scope.report(Diagnostic.error(Code.SOURCE_TYPE_MISMATCH, view.source().orElseThrow().pos(),
                            "online view `" + view.name().value() + "` reads batch source `" + source.name().value() + "`")
                    .withHint("online features are computed by streaming: read a `stream` or `cdc` source, or set `online: false`"));
        }
        if (source.eventTime().isEmpty()) {
            scope.report(Diagnostic.error(Code.BAD_EVENT_TIME, view.source().orElseThrow().pos(),
                            "source `" + source.name().value() + "` has no `event_time`, which windowed features need")
                    .withHint("add `event_time: <timestamp column>` to source `" + source.name().value() + "`"));
        }
    }

    private List<FeatureOutput> outputs(FeatureViewSpec view) {
        List<FeatureOutput> outputs = new ArrayList<>();
        Map<String, FeatureSpec> producers = new HashMap<>();
        for (FeatureSpec feature : view.features()) {
            if (NEEDS_EXPR.contains(feature.agg().value()) && feature.expr().isEmpty()) {
                scope.report(Diagnostic.error(Code.AGG_NEEDS_EXPR, feature.agg().pos(),
                                "`" + feature.agg().value().yamlName() + "` needs an `expr` to aggregate")
                        .withHint("add `expr: <column or SQL expression>`; only `count` counts rows without one"));
            }
            List<Duration> seen = new ArrayList<>();
            for (FeatureViewSpec.Window window : feature.windows()) {
                if (seen.contains(window.length())) {
                    scope.report(Diagnostic.error(Code.DUPLICATE_WINDOW, window.pos(),
                            "window " + window.text() + " is listed twice for `" + feature.name().value() + "`")
                            .withHint("windows of the same length give the same feature; keep one"));
                    continue;
                }
                seen.add(window.length());
                Duration tile = tileSize(view, window);
                String name = feature.name().value() + "_" + window.text();
                add(outputs, producers, new FeatureOutput(name, feature, Optional.of(window.length()), tile), feature);
            }
            if (feature.windows().isEmpty()) {
                Duration tile = view.granularity().map(Located::value).orElse(Duration.ofMinutes(1));
                add(outputs, producers, new FeatureOutput(feature.name().value(), feature, Optional.empty(), tile), feature);
            }
        }
        return outputs;
    }

    private Duration tileSize(FeatureViewSpec view, FeatureViewSpec.Window window) {
        Duration tile = view.granularity().map(Located::value).orElse(TileMath.defaultTileSize(window.length()));
        if (!TileMath.fits(window.length(), tile)) {
            String why = view.granularity().isPresent() ? "the view's granularity " : "the default tile size ";
            scope.report(Diagnostic.error(Code.WINDOW_GRANULARITY, window.pos(),
                            "window " + window.text() + " is not a whole number of tiles of "
                                    + Durations.format(tile))
                    .withHint("windows are summed from tiles of " + why + Durations.format(tile)
                            + "; use a multiple of it, or set `granularity:` to a size that divides every window"));
        }
        return tile;
    }

    private void add(List<FeatureOutput> outputs, Map<String, FeatureSpec> producers, FeatureOutput output, FeatureSpec feature) {
        FeatureSpec earlier = producers.putIfAbsent(output.outputName(), feature);
        if (earlier != null) {
            scope.report(Diagnostic.error(Code.DUPLICATE_OUTPUT, feature.name().pos(),
                            "feature column `" + output.outputName() + "` is produced twice")
                    .withHint("also produced by `" + earlier.name().value() + "` on line " + earlier.name().pos().line()
                            + "; rename one feature"));
            return;
        }
        outputs.add(output);
    }

    private void checkTtl(FeatureViewSpec view, List<FeatureOutput> outputs) {
        view.ttl().ifPresent(ttl -> outputs.stream().flatMap(o -> o.window().stream())
                .filter(w -> w.compareTo(ttl.value()) > 0).max(Duration::compareTo)
                .ifPresent(longest -> scope.report(Diagnostic.warning(Code.TTL_SHORTER_THAN_WINDOW, ttl.pos(),
                                "ttl " + Durations.format(ttl.value()) + " is shorter than the " + Durations.format(longest)
                                        + " window: its features are NULL whenever the key was idle for " + Durations.format(ttl.value()))
                        .withHint("set `ttl:` to at least " + Durations.format(longest) + " unless that is intended"))));
    }
}
