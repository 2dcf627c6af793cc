package dev.fsc.compiler.codegen.spark;

import dev.fsc.compiler.codegen.Templates;
import dev.fsc.compiler.codegen.spark.ViewSql.TileGroup;
import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.DatasetSpec.LabelAgg;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.KeyMapping;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.sql.SparkSqlText;
import dev.fsc.compiler.sql.SqlCanonicalizer;
import dev.fsc.compiler.sql.SparkTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The point-in-time build of a dataset for one day: the spine rows whose longest label horizon ends in
 * the day, each feature as of the row's time from the view's tiles plus its head events, the labels.
 */
public final class DatasetSql {
    private final Templates templates;
    private final Model model;
    private final SparkNames names;

    DatasetSql(Templates templates, Model model, SparkNames names) {
        this.templates = templates;
        this.model = model;
        this.names = names;
    }

    /** The table a dataset is written to (logical: before the environment's {@code TableVersions}): its `output.table`, or `gold.<name>`. */
    public static String table(Dataset dataset) {
        return dataset.spec().output().map(o -> o.table().value()).orElse("gold." + dataset.name());
    }

    /** The longest label horizon; rows publish once it has passed. */
    static Duration maturity(Dataset dataset) {
        return dataset.labels().stream().map(l -> l.spec().horizon().value()).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The views a dataset reads, in order of first mention, with the features it selects of each. */
    Map<FeatureView, List<Feature>> selectedByView(Dataset dataset) {
        Map<FeatureView, List<Feature>> byView = new LinkedHashMap<>();
        for (Dataset.SelectedFeature s : dataset.features()) {
            FeatureView view = model.view(s.view()).orElseThrow();
            byView.computeIfAbsent(view, v -> new ArrayList<>()).add(s.feature());
        }
        return byView;
    }

    List<String> build(Dataset dataset) {
        DatasetSpec spec = dataset.spec();
        String ts = spec.spine().timestamp().value();
        Duration horizon = maturity(dataset);
        String spineFrom = horizon.isZero() ? SparkTime.DAY_START : SparkTime.DAY_START + " - " + SparkTime.interval(horizon);
        String spineTo = horizon.isZero() ? SparkTime.DAY_END : SparkTime.DAY_END + " - " + SparkTime.interval(horizon);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", dataset.name());
        m.put("table", names.dataset(dataset));
        m.put("timestamp", ts);
        m.put("horizonText", horizon.isZero() ? "none" : SparkTime.text(horizon));
        m.put("spineFrom", spineFrom);
        m.put("spineTo", spineTo);
        spec.spine().query().ifPresentOrElse(
                q -> m.put("spineQuery", SparkSqlText.query(q, names::versions)),
                () -> m.put("spineSource", spec.spine().source().orElseThrow().value()));
        m.put("firstDay", firstDay(spec));

        Map<String, Map<String, String>> keysByEntity = spineKeys(spec);
        List<String> outputKeys = new ArrayList<>();
        keysByEntity.values().forEach(cols -> cols.values().forEach(c -> {
            if (!outputKeys.contains(c)) {
                outputKeys.add(c);
            }
        }));
        List<String> carried = spec.spine().columns().stream().map(Located::value).toList();

        List<Map<String, Object>> views = new ArrayList<>();
        List<Map<String, String>> outputColumns = new ArrayList<>();
        Set<String> spineColumns = new LinkedHashSet<>();
        spineColumns.add(ts);
        spineColumns.addAll(outputKeys);
        spineColumns.addAll(carried);
        for (String c : spineColumns) {
            outputColumns.add(output(c, spineType(dataset, c), "s." + c));
        }
        selectedByView(dataset).forEach((view, features) -> {
            views.add(view(view, features, keysByEntity.get(view.entity().name().value()), spineFrom));
            for (Feature f : features) {
                outputColumns.add(output(f.outputName(), SparkTypes.of(f.type().sqlType()), view.name() + "." + f.outputName()));
            }
        });
        List<Map<String, Object>> labels = new ArrayList<>();
        for (Dataset.Label label : dataset.labels()) {
            labels.add(label(label));
            label.spec().keys().forEach(k -> spineColumns.add(k.column().value()));
            String name = label.spec().name().value();
            String value = "label_" + name + "." + name;
            String expr = switch (label.spec().agg().value()) {
                case EXISTS -> "COALESCE(" + value + ", FALSE)";
                case COUNT -> "COALESCE(" + value + ", 0)";
                case SUM, LAST -> value;
            };
            outputColumns.add(output(name, SparkTypes.of(label.type().sqlType()), expr));
        }
        m.put("spineColumns", List.copyOf(spineColumns));
        m.put("views", views);
        m.put("labels", labels);
        m.put("outputColumns", outputColumns);
        return templates.statements("dataset.sql.ftl", m);
    }

    /**
     * The start of the first day the spine's sources were processed: older spine rows (a CDC snapshot's
     * history) are not rows of the dataset.
     */
    private String firstDay(DatasetSpec spec) {
        Set<String> sources = new java.util.TreeSet<>();
        spec.spine().source().ifPresent(s -> sources.add(s.value()));
        spec.spine().query().ifPresent(q -> SqlCanonicalizer.simpleNames(q).stream()
                .filter(n -> model.source(n).isPresent()).forEach(sources::add));
        List<String> firsts = sources.stream().map(s -> "(SELECT min(ds) FROM " + names.silver(s) + ")").toList();
        return "CAST(" + (firsts.size() == 1 ? firsts.get(0) : "least(" + String.join(", ", firsts) + ")") + " AS TIMESTAMP)";
    }

    private static Map<String, String> output(String name, String type, String expr) {
        return Map.of("name", name, "type", type, "expr", expr);
    }

    private static String spineType(Dataset dataset, String column) {
        return dataset.spineColumns().stream().filter(c -> c.name().equals(column)).findFirst()
                .map(Column::sqlType).map(SparkTypes::of)
                .orElseThrow(() -> new IllegalStateException("spine column " + column + " not typed"));
    }

    /** Entity name → (entity key → spine column). */
    private Map<String, Map<String, String>> spineKeys(DatasetSpec spec) {
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        for (DatasetSpec.SpineKey key : spec.spine().keys()) {
            EntitySpec entity = model.entity(key.entity().value()).orElseThrow();
            Map<String, String> columns = new LinkedHashMap<>();
            if (key.column().isPresent()) {
                columns.put(entity.keyNames().get(0), key.column().get().value());
            } else {
                for (KeyMapping mapping : key.columns()) {
                    columns.put(mapping.key().value(), mapping.column().value());
                }
            }
            keys.put(entity.name().value(), columns);
        }
        return keys;
    }

    private Map<String, Object> view(FeatureView view, List<Feature> selected, Map<String, String> spineColumnOfKey, String spineFrom) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", view.name());
        m.put("events", SparkNames.events(view.name()));
        m.put("keys", view.entity().keyNames().stream().map(k -> Map.of("key", k, "column", spineColumnOfKey.get(k))).toList());
        Optional<Duration> ttl = view.spec().ttl().map(Located::value);
        List<Map<String, Object>> groups = new ArrayList<>();
        List<Map<String, String>> features = new ArrayList<>();
        List<String> latest = new ArrayList<>();
        for (TileGroup all : ViewSql.tileGroups(view)) {
            List<Feature> mine = all.features().stream().filter(selected::contains).toList();
            // the latest value ever (`last` without a window) is an as-of lookup; the rest aggregate a window
            List<Feature> latestValues = mine.stream().filter(DatasetSql::isLatestValue).toList();
            List<Feature> windowed = mine.stream().filter(f -> !isLatestValue(f)).toList();
            if (!windowed.isEmpty()) {
                Map<String, Object> g = windowedGroup(ViewSql.group(view, all.size(), windowed), ttl);
                groups.add(g);
                readFrom("merged_" + g.get("suffix"), windowed, latest, features);
            }
            if (!latestValues.isEmpty()) {
                Map<String, Object> g = latestValueGroup(ViewSql.group(view, all.size(), latestValues));
                groups.add(g);
                readFrom("merged_" + g.get("suffix"), latestValues, latest, features);
            }
        }
        // keep the dataset's order of features
        features.sort((a, b) -> Integer.compare(indexOf(selected, a.get("name")), indexOf(selected, b.get("name"))));
        m.put("groups", groups);
        m.put("features", features);
        ttl.ifPresent(t -> {
            String latestEvent = latest.size() == 1 ? latest.get(0) : "greatest(" + String.join(", ", latest) + ")";
            m.put("ttl", SparkTime.text(t));
            m.put("expired", latestEvent + " IS NULL OR " + latestEvent + " < p.t - " + SparkTime.interval(t));
        });
        return m;
    }

    /** The view's output reads these features, and a latest event, from a group's merged rows. */
    private static void readFrom(String merged, List<Feature> from, List<String> latest, List<Map<String, String>> features) {
        latest.add(merged + ".latest_event");
        from.forEach(f -> features.add(Map.of("name", f.outputName(), "source", merged + "." + f.outputName())));
    }

    /** A `last` without a window: the latest value as of t, however old. */
    private static boolean isLatestValue(Feature f) {
        return f.window().isEmpty() && f.agg() == dev.fsc.compiler.spec.FeatureViewSpec.Agg.LAST;
    }

    /**
     * Features aggregating a window (or every earlier tile): counts and exact sums as running sums of the
     * key's tiles read at the probe's tile, the others from the tiles joined to each probe; both merged
     * with the head events of the probe's tile.
     */
    private Map<String, Object> windowedGroup(TileGroup group, Optional<Duration> ttl) {
        Map<String, Object> g = group(group, SparkTime.text(group.size()), false);
        String probeTile = SparkTime.floor("p.t", group.size());
        Map<Boolean, List<Feature>> byRunning = group.features().stream().collect(Collectors.partitioningBy(RunningSums::qualifies));
        List<Feature> summed = byRunning.get(true);
        List<Feature> joined = byRunning.get(false);
        if (!summed.isEmpty()) {
            range(group.features(), ttl).ifPresent(r -> g.put("range", SparkTime.interval(r)));
            g.put("running", RunningSums.model(summed));
        }
        if (!joined.isEmpty()) {
            Map<String, String> join = new LinkedHashMap<>();
            // the running sums find the latest event (for the ttl) when there are any
            range(joined, summed.isEmpty() ? ttl : Optional.empty()).ifPresent(r -> {
                join.put("range", SparkTime.interval(r));
                join.put("rangeText", SparkTime.text(r));
                // bins as wide as the range: the range's tiles lie in at most 2 of them
                join.put("firstRangeBin", SparkTime.bin(probeTile + " - " + SparkTime.interval(r), r));
                join.put("lastRangeBin", SparkTime.bin(probeTile + " - " + SparkTime.interval(group.size()), r));
                join.put("tileRangeBin", SparkTime.bin("x.tile_start", r));
            });
            g.put("join", join);
        }
        g.put("runningColumns", summed.stream().flatMap(f -> TileState.of(f).stream().map(s -> Map.of(
                "name", RunningSums.column(f, s),
                "type", s.type(),
                "headAggregate", s.over("e.") + " AS " + RunningSums.column(f, s)))).toList());
        g.put("features", group.features().stream().map(f -> Map.of("name", f.outputName(), "merge", summed.contains(f)
                ? TileState.value(f, s -> s.merge().rollup("x." + RunningSums.column(f, s)))
                : TileState.value(f, s -> s.merge().rollup(within(f, probeTile, "x." + s.name()))))).toList());
        return g;
    }

    /** A partial of the joined tiles, counted only if its tile is within the feature's window. */
    private static String within(Feature f, String probeTile, String column) {
        return f.window().map(w -> "CASE WHEN x.tile_start >= " + probeTile + " - " + SparkTime.interval(w) + " THEN " + column + " END")
                .orElse(column);
    }

    /** Features holding the latest value ever: an as-of lookup of the tiles, merged with the head events. */
    private Map<String, Object> latestValueGroup(TileGroup group) {
        Map<String, Object> g = group(group, SparkTime.text(group.size()) + "_latest", true);
        g.put("features", group.features().stream().map(f -> Map.of("name", f.outputName(), "merge", TileState.value(f,
                s -> "greatest(a." + s.name() + ", h." + s.name() + ")"))).toList());
        return g;
    }

    /** The template model of a group of features on one tile size. */
    private Map<String, Object> group(TileGroup group, String suffix, boolean asOf) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("suffix", suffix);
        g.put("asOf", asOf);
        g.put("tiles", group.table(names));
        g.put("probeTile", SparkTime.floor("p.t", group.size()));
        g.put("tileOfT", SparkTime.floor("t", group.size()));
        g.put("eventTile", SparkTime.floor("e.event_time", group.size()));
        g.put("sizeInterval", SparkTime.interval(group.size()));
        g.put("states", group.states().stream().map(s -> Map.of("name", s.name(), "type", s.type(),
                "headAggregate", s.over("e.") + " AS " + s.name())).toList());
        return g;
    }

    private static int indexOf(List<Feature> features, String outputName) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).outputName().equals(outputName)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How far back before the probe's tile a group's tiles matter: its longest window, and the ttl (to
     * find the latest event); without bound when a feature has no window. Older tile partitions are not read.
     */
    private static Optional<Duration> range(List<Feature> features, Optional<Duration> ttl) {
        if (features.stream().anyMatch(f -> f.window().isEmpty())) {
            return Optional.empty();
        }
        Duration longest = features.stream().map(f -> f.window().orElseThrow()).max(Duration::compareTo).orElseThrow();
        return Optional.of(ttl.filter(t -> t.compareTo(longest) > 0).orElse(longest));
    }

    private Map<String, Object> label(Dataset.Label label) {
        DatasetSpec.Label spec = label.spec();
        String source = spec.source().value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name().value());
        m.put("source", source);
        m.put("agg", spec.agg().value().name().toLowerCase(java.util.Locale.ROOT));
        Duration horizon = spec.horizon().value();
        m.put("horizon", SparkTime.interval(horizon));
        m.put("horizonText", SparkTime.text(horizon));
        // bins as wide as the horizon: (t, t + horizon] lies in at most 2 of them
        m.put("firstHorizonBin", SparkTime.bin("t", horizon));
        m.put("lastHorizonBin", SparkTime.bin("t + " + SparkTime.interval(horizon), horizon));
        m.put("eventHorizonBin", SparkTime.bin("e.event_time", horizon));
        m.put("eventTime", SourceSql.eventTime(model.source(source).orElseThrow()));
        m.put("keys", spec.keys().stream().map(k -> Map.of("labelColumn", k.key().value(), "column", k.column().value())).toList());
        m.put("value", spec.expr().map(SparkSqlText::expression).orElse("1"));
        spec.filter().ifPresent(f -> m.put("filter", SparkSqlText.expression(f)));
        m.put("aggregate", aggregate(spec.agg().value()));
        return m;
    }

    private static String aggregate(LabelAgg agg) {
        return switch (agg) {
            case EXISTS -> "COUNT(e.value) > 0";
            case COUNT -> "COUNT(e.value)";
            case SUM -> "SUM(e.value)";
            case LAST -> "(MAX(named_struct('event_time', e.event_time, 'value', e.value)) FILTER (WHERE e.value IS NOT NULL)).value";
        };
    }
}
