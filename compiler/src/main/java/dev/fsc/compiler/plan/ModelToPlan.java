package dev.fsc.compiler.plan;

import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.Feature;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.Durations;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.Meta;
import dev.fsc.compiler.spec.SourceSpec;
import dev.fsc.compiler.sql.SqlCanonicalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Phase 5: turns the typed model into the logical plan. Each node's definition is written in
 * canonical form (SQL printed back by Calcite, maps sorted), so reordering or reformatting specs
 * does not change a fingerprint, and any change to what a node computes does.
 */
public final class ModelToPlan {
    // views and datasets are planned in parallel; node order comes from TopologicalOrder, not from insertion
    private final Map<NodeId, Draft> drafts = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A node before hashing: its inputs, definition and metadata, and what it reads of its inputs
     * (column and feature names; empty: everything), so upstream edits it cannot see leave its fingerprint alone.
     */
    private record Draft(NodeId id, List<NodeId> inputs, SortedMap<String, String> definition,
                         SortedMap<String, String> metadata, Set<String> reads) {
    }

    public Plan plan(Model model) {
        model.sources().forEach(this::source);
        model.views().parallelStream().forEach(view -> view(view, model));
        Set<String> sourceNames = model.sources().stream().map(Source::name).collect(Collectors.toSet());
        model.datasets().parallelStream().forEach(dataset -> dataset(dataset, sourceNames));
        List<PlanNode> nodes = new ArrayList<>();
        Map<NodeId, PlanNode> done = new LinkedHashMap<>();
        for (NodeId id : TopologicalOrder.of(drafts.keySet(), id -> drafts.get(id).inputs())) {
            Draft draft = drafts.get(id);
            String dataHash = Hashes.of(draft.definition());
            String metadataHash = Hashes.of(draft.metadata());
            StringBuilder fingerprintInput = new StringBuilder(id.kind().prefix()).append('@').append(id.kind().version())
                    .append(':').append(dataHash);
            draft.inputs().forEach(input -> fingerprintInput.append('|').append(input).append('=')
                    .append(InputRelevance.hash(done.get(input), draft.reads(), done)));
            PlanNode node = new PlanNode(id, draft.inputs(), draft.definition(), draft.metadata(), dataHash, metadataHash,
                    Hashes.of(fingerprintInput.toString()));
            done.put(id, node);
            nodes.add(node);
        }
        String planHash = Hashes.of(nodes.stream().map(n -> n.id() + "=" + n.fingerprint() + "/" + n.metadataHash())
                .collect(Collectors.joining("\n")));
        return new Plan(model.project().project().value(), nodes, planHash);
    }

    private void source(Source source) {
        SourceSpec spec = source.spec();
        String name = source.name();
        SortedMap<String, String> bronze = new TreeMap<>();
        bronze.put("type", spec.type().value().name().toLowerCase());
        spec.connection().ifPresent(c -> {
            c.database().ifPresent(v -> bronze.put("location.database", v.value()));
            c.table().ifPresent(v -> bronze.put("location.table", v.value()));
            c.topic().ifPresent(v -> bronze.put("location.topic", v));
            c.path().ifPresent(v -> bronze.put("location.path", v));
            c.format().ifPresent(v -> bronze.put("location.format", v));
        });
        source.columns().forEach(c -> bronze.put("column." + c.name(), c.typeText()));
        spec.eventTime().ifPresent(t -> bronze.put("event_time", t.value()));
        if (!spec.primaryKey().isEmpty()) {
            bronze.put("primary_key", names(spec.primaryKey()));
        }
        SortedMap<String, String> meta = meta(spec.meta());
        spec.columns().stream().filter(c -> !c.description().isEmpty())
                .forEach(c -> meta.put("column." + c.name().value() + ".description", c.description()));
        NodeId bronzeId = new NodeId(NodeKind.SOURCE, name);
        add(bronzeId, List.of(), bronze, meta);

        SortedMap<String, String> silver = new TreeMap<>();
        spec.dedup().ifPresent(d -> {
            silver.put("dedup.key", names(d.key()));
            silver.put("dedup.within", Durations.format(d.within().value()));
        });
        spec.lateness().ifPresent(l -> silver.put("lateness", Durations.format(l.value())));
        spec.retention().ifPresent(r -> silver.put("retention", Durations.format(r.value())));
        spec.columns().forEach(c -> c.pii().ifPresent(p -> silver.put("pii." + c.name().value(), p.name().toLowerCase())));
        NodeId silverId = new NodeId(NodeKind.SILVER, name);
        add(silverId, List.of(bronzeId), silver, new TreeMap<>());

        SortedMap<String, String> errorChecks = new TreeMap<>();
        SortedMap<String, String> warnChecks = new TreeMap<>();
        spec.quality().forEach(check -> (check.severity() == dev.fsc.compiler.diag.Severity.ERROR ? errorChecks : warnChecks)
                .put("check." + QualityChecks.canonical(check), check.severity() == dev.fsc.compiler.diag.Severity.ERROR ? "error" : "warn"));
        if (!spec.quality().isEmpty()) {
            Set<String> allColumns = spec.columns().stream().map(c -> c.name().value()).collect(Collectors.toSet());
            add(new NodeId(NodeKind.QUALITY_GATE, name), List.of(silverId), errorChecks, warnChecks, allColumns);
        }
    }

    private void view(FeatureView view, Model model) {
        var spec = view.spec();
        List<NodeId> inputs = view.inputSources().stream().map(s -> new NodeId(NodeKind.SILVER, s)).toList();
        SortedMap<String, String> input = new TreeMap<>();
        spec.source().ifPresent(s -> {
            input.put("input.source", s.value());
            model.source(s.value()).flatMap(src -> src.spec().eventTime()).ifPresent(t -> input.put("time_column", t.value()));
        });
        spec.query().ifPresent(q -> {
            input.put("input.query", SqlCanonicalizer.query(q));
            input.put("time_column", "event_time");
        });
        spec.filter().ifPresent(f -> input.put("filter", SqlCanonicalizer.expression(f)));
        view.keyColumns().forEach((key, column) -> input.put("key." + key, column));

        Set<String> viewReads = new TreeSet<>(view.keyColumns().values());
        viewReads.add(input.getOrDefault("time_column", "event_time"));
        spec.filter().ifPresent(f -> viewReads.addAll(SqlCanonicalizer.mentionedNames(f, false)));
        spec.query().ifPresent(q -> viewReads.addAll(SqlCanonicalizer.mentionedNames(q, true)));
        Map<Duration, List<Feature>> byTile = view.features().stream()
                .collect(Collectors.groupingBy(Feature::tileSize, TreeMap::new, Collectors.toList()));
        List<NodeId> tileIds = new ArrayList<>();
        byTile.forEach((tile, features) -> {
            SortedMap<String, String> tiles = new TreeMap<>(input);
            tiles.put("tile_size", Durations.format(tile));
            // how much history the tiles must keep (and a backfill must recompute): the longest window they serve
            tiles.put("window.longest", Durations.format(features.stream().map(f -> f.window().orElse(tile))
                    .max(Duration::compareTo).orElse(tile)));
            features.forEach(f -> AggregateStates.of(f).forEach(state -> tiles.put("state." + state, "")));
            NodeId id = new NodeId(NodeKind.TILES, view.name() + ":" + Durations.format(tile));
            Set<String> reads = new TreeSet<>(viewReads); // and the columns of this tile size's features only
            features.forEach(f -> f.spec().expr().ifPresent(e -> reads.addAll(SqlCanonicalizer.mentionedNames(e, false))));
            add(id, inputs, tiles, new TreeMap<>(), reads);
            tileIds.add(id);
        });

        SortedMap<String, String> definition = new TreeMap<>();
        EntitySpec entity = view.entity();
        definition.put("entity", entity.name().value());
        entity.keys().forEach(k -> definition.put("entity.key." + k.name().value(), k.type().value()));
        view.features().forEach(f -> definition.put("feature." + f.outputName(), AggregateStates.describe(f)
                + " tiles " + Durations.format(f.tileSize()) + " -> " + f.type().typeText()));
        spec.ttl().ifPresent(t -> definition.put("ttl", Durations.format(t.value())));
        definition.put("online", String.valueOf(spec.online()));
        SortedMap<String, String> meta = meta(spec.meta());
        spec.freshness().ifPresent(f -> meta.put("freshness", Durations.format(f.value())));
        spec.features().stream().filter(f -> !f.description().isEmpty())
                .forEach(f -> meta.put("feature." + f.name().value() + ".description", f.description()));
        add(new NodeId(NodeKind.FEATURE_VIEW, view.name()), tileIds, definition, meta);
    }

    private void dataset(Dataset dataset, Set<String> sourceNames) {
        DatasetSpec spec = dataset.spec();
        Set<NodeId> inputs = new TreeSet<>();
        SortedMap<String, String> definition = new TreeMap<>();
        spec.spine().source().ifPresent(s -> {
            definition.put("spine.source", s.value());
            inputs.add(new NodeId(NodeKind.SILVER, s.value()));
        });
        spec.spine().query().ifPresent(q -> {
            definition.put("spine.query", SqlCanonicalizer.query(q));
            SqlCanonicalizer.simpleNames(q).stream().filter(sourceNames::contains)
                    .forEach(source -> inputs.add(new NodeId(NodeKind.SILVER, source)));
        });
        definition.put("spine.timestamp", spec.spine().timestamp().value());
        spec.spine().keys().forEach(k -> {
            k.column().ifPresent(c -> definition.put("spine.key." + k.entity().value(), c.value()));
            k.columns().forEach(m -> definition.put("spine.key." + k.entity().value() + "." + m.key().value(), m.column().value()));
        });
        spec.spine().columns().forEach(c -> definition.put("spine.column." + c.value(), "carried"));
        dataset.features().forEach(f -> {
            definition.put("feature." + f.feature().outputName(), f.view());
            inputs.add(new NodeId(NodeKind.FEATURE_VIEW, f.view()));
        });
        dataset.labels().forEach(label -> {
            DatasetSpec.Label l = label.spec();
            inputs.add(new NodeId(NodeKind.SILVER, l.source().value()));
            String keys = l.keys().stream().map(k -> k.key().value() + "=" + k.column().value()).sorted()
                    .collect(Collectors.joining(", "));
            definition.put("label." + l.name().value(), l.agg().value().name().toLowerCase()
                    + l.expr().map(e -> "(" + SqlCanonicalizer.expression(e) + ")").orElse("")
                    + " from " + l.source().value() + " on " + keys
                    + l.filter().map(f -> " where " + SqlCanonicalizer.expression(f)).orElse("")
                    + " within " + Durations.format(l.horizon().value()) + " -> " + label.type().typeText());
        });
        spec.output().ifPresent(o -> {
            definition.put("output.table", o.table().value());
            definition.put("output.partition_by", o.partitionBy());
        });
        SortedMap<String, String> meta = meta(spec.meta());
        spec.labels().stream().filter(l -> !l.description().isEmpty())
                .forEach(l -> meta.put("label." + l.name().value() + ".description", l.description()));
        spec.schedule().ifPresent(s -> meta.put("schedule", s.value()));
        spec.deadline().ifPresent(d -> meta.put("deadline", d.value()));
        spec.snapshotRetention().ifPresent(r -> meta.put("snapshots.retain", Durations.format(r.value())));
        add(new NodeId(NodeKind.DATASET, dataset.name()), List.copyOf(inputs), definition, meta, datasetReads(dataset));
    }

    /** The spine and label columns and the selected features a dataset reads. */
    private static Set<String> datasetReads(Dataset dataset) {
        DatasetSpec spec = dataset.spec();
        Set<String> reads = new TreeSet<>();
        reads.add(spec.spine().timestamp().value());
        spec.spine().columns().forEach(c -> reads.add(c.value()));
        spec.spine().keys().forEach(k -> {
            k.column().ifPresent(c -> reads.add(c.value()));
            k.columns().forEach(m -> reads.add(m.column().value()));
        });
        spec.spine().query().ifPresent(q -> reads.addAll(SqlCanonicalizer.mentionedNames(q, true)));
        spec.labels().forEach(l -> {
            l.keys().forEach(k -> reads.add(k.key().value()));
            l.expr().ifPresent(e -> reads.addAll(SqlCanonicalizer.mentionedNames(e, false)));
            l.filter().ifPresent(f -> reads.addAll(SqlCanonicalizer.mentionedNames(f, false)));
        });
        dataset.features().forEach(f -> reads.add(f.feature().outputName()));
        return reads;
    }

    private void add(NodeId id, List<NodeId> inputs, SortedMap<String, String> definition, SortedMap<String, String> metadata) {
        add(id, inputs, definition, metadata, Set.of());
    }

    private void add(NodeId id, List<NodeId> inputs, SortedMap<String, String> definition, SortedMap<String, String> metadata,
                     Set<String> reads) {
        drafts.put(id, new Draft(id, inputs, definition, metadata, Set.copyOf(reads)));
    }

    private static SortedMap<String, String> meta(Meta meta) {
        SortedMap<String, String> map = new TreeMap<>();
        if (!meta.description().isEmpty()) {
            map.put("description", meta.description().strip());
        }
        if (!meta.owner().isEmpty()) {
            map.put("owner", meta.owner());
        }
        if (!meta.tags().isEmpty()) {
            map.put("tags", String.join(", ", new TreeSet<>(meta.tags()))); // a set: order means nothing
        }
        return map;
    }

    private static String names(List<Located<String>> names) {
        return names.stream().map(Located::value).collect(Collectors.joining(", "));
    }
}
