package dev.fsc.cli.sample;

import dev.fsc.compiler.model.Column;
import dev.fsc.compiler.model.Dataset;
import dev.fsc.compiler.model.FeatureView;
import dev.fsc.compiler.model.Model;
import dev.fsc.compiler.model.Source;
import dev.fsc.compiler.spec.DatasetSpec;
import dev.fsc.compiler.spec.EntitySpec;
import dev.fsc.compiler.spec.KeyMapping;
import dev.fsc.compiler.spec.Located;
import dev.fsc.compiler.spec.QualityCheck;
import dev.fsc.compiler.spec.SourceSpec.SourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The project's key domains, found from the model: columns an entity key is bound to (by views and
 * dataset spines), columns a query or label equates, and key columns of the same name (or a name
 * ending in another key's name, {@code home_region_id}) share one domain. Sized from the volume of the
 * sources that draw from it.
 */
final class KeyDomains {
    /** Names too generic to mean the same thing in two tables. */
    private static final Set<String> GENERIC = Set.of("id", "uuid", "key");

    private final Map<String, KeyDomain> byColumn = new TreeMap<>();
    private final Set<String> freshOwners = new TreeSet<>();
    private final Set<String> cdcOwners = new TreeSet<>();
    private final List<KeyDomain> all = new ArrayList<>();
    private final Map<String, Integer> cdcRows = new TreeMap<>();

    Optional<KeyDomain> of(String source, String column) {
        return Optional.ofNullable(byColumn.get(source + "." + column));
    }

    /** The column gets a new value on every row of its source (a single-column dedup or unique key). */
    boolean isFreshOwner(String source, String column) {
        return freshOwners.contains(source + "." + column);
    }

    /** The column is the single-column primary key of its CDC source: one key per table row. */
    boolean isCdcKey(String source, String column) {
        return cdcOwners.contains(source + "." + column);
    }

    List<KeyDomain> all() {
        return all;
    }

    /** How many rows (primary keys) a CDC source's table has. */
    int cdcRows(String source) {
        return cdcRows.getOrDefault(source, 10);
    }

    /** Whether other sources refer to a CDC table's keys (users, providers) rather than it being a log of facts (orders). */
    boolean isDimension(Source source) {
        if (source.spec().primaryKey().size() != 1) {
            return false;
        }
        String pk = source.spec().primaryKey().get(0).value();
        return of(source.name(), pk).map(d -> d.members().stream().anyMatch(m -> !m.equals(source.name() + "." + pk)
                && bound.contains(m.substring(0, m.indexOf('.'))))).orElse(false);
    }

    private final Set<String> bound;

    private KeyDomains(Set<String> bound) {
        this.bound = bound;
    }

    static KeyDomains build(Model model, Set<String> bound, GeneratorOptions options) {
        KeyDomains domains = new KeyDomains(Set.copyOf(bound));
        domains.collect(model, options);
        return domains;
    }

    private final Map<String, String> parent = new TreeMap<>();
    private final Map<String, ColumnType.Kind> kinds = new TreeMap<>();

    private String root(String node) {
        parent.putIfAbsent(node, node);
        String r = node;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        parent.put(node, r);
        return r;
    }

    private void union(String a, String b) {
        String ra = root(a);
        String rb = root(b);
        if (ra.equals(rb)) {
            return;
        }
        ColumnType.Kind ka = kinds.get(ra);
        ColumnType.Kind kb = kinds.get(rb);
        if (ka != null && kb != null && ka != kb) {
            return;
        }
        String winner = ra.compareTo(rb) < 0 ? ra : rb;
        String loser = winner.equals(ra) ? rb : ra;
        parent.put(loser, winner);
        kinds.put(winner, ka != null ? ka : kb);
    }

    private static String col(String source, String column) {
        return "col:" + source + "." + column;
    }

    private static String name(String key) {
        return "name:" + key;
    }

    private void collect(Model model, GeneratorOptions options) {
        Map<String, Source> sources = new TreeMap<>();
        model.sources().forEach(s -> sources.put(s.name(), s));
        Map<String, Set<String>> columnsBySource = new TreeMap<>();
        sources.values().forEach(s -> columnsBySource.put(s.name(),
                new LinkedHashSet<>(s.columns().stream().map(Column::name).toList())));
        Map<String, Map<String, ColumnRule>> rules = new TreeMap<>();
        sources.values().forEach(s -> rules.put(s.name(), ColumnRule.of(s, options.eventsPerDay())));

        List<String[]> links = new ArrayList<>();
        Map<String, ColumnType.Kind> entityKeyKinds = new TreeMap<>();
        for (EntitySpec entity : model.entities()) {
            for (EntitySpec.Key key : entity.keys()) {
                ColumnType type = ColumnType.parse(key.type().value().replaceAll("(?i)\\s+NOT\\s+NULL\\s*$", ""));
                if (type.isKeyKind()) {
                    entityKeyKinds.putIfAbsent(key.name().value(), type.kind());
                }
            }
        }
        for (FeatureView view : model.views()) {
            viewLinks(view, columnsBySource, links);
        }
        for (Dataset dataset : model.datasets()) {
            datasetLinks(dataset, model, columnsBySource, links);
        }

        // key-like columns: ids by name, primary/dedup/unique keys, and every column a link mentions
        Set<String> linked = new TreeSet<>();
        links.forEach(l -> {
            linked.add(l[0]);
            linked.add(l[1]);
        });
        Map<String, ColumnRule> candidates = new TreeMap<>();
        for (Source source : sources.values()) {
            Set<String> keyed = new TreeSet<>();
            source.spec().primaryKey().forEach(k -> keyed.add(k.value()));
            source.spec().dedup().ifPresent(d -> d.key().forEach(k -> keyed.add(k.value())));
            source.spec().quality().stream().filter(q -> q instanceof QualityCheck.Unique)
                    .forEach(q -> ((QualityCheck.Unique) q).columns().forEach(c -> keyed.add(c.value())));
            for (ColumnRule rule : rules.get(source.name()).values()) {
                String n = rule.name();
                boolean keyLike = n.equals("id") || n.endsWith("_id") || keyed.contains(n) || linked.contains(col(source.name(), n));
                if (rule.type().isKeyKind() && keyLike && !n.equals(source.spec().eventTime().map(Located::value).orElse(""))) {
                    candidates.put(source.name() + "." + n, rule);
                    kinds.put(col(source.name(), n), rule.type().kind());
                }
            }
        }
        entityKeyKinds.forEach((k, kind) -> kinds.put(name(k), kind));
        for (String[] link : links) {
            if (isNode(link[0], candidates, entityKeyKinds) && isNode(link[1], candidates, entityKeyKinds)) {
                union(link[0], link[1]);
            }
        }
        Set<String> idNames = new TreeSet<>();
        candidates.keySet().forEach(c -> idNames.add(c.substring(c.indexOf('.') + 1)));
        idNames.addAll(entityKeyKinds.keySet());
        for (String candidate : candidates.keySet()) {
            String column = candidate.substring(candidate.indexOf('.') + 1);
            String node = "col:" + candidate;
            if (!GENERIC.contains(column)) {
                union(node, name(column));
            }
            for (String other : idNames) {
                if (!other.equals(column) && !GENERIC.contains(other) && other.endsWith("_id") && column.endsWith("_" + other)) {
                    union(node, name(other));
                }
            }
        }
        buildDomains(sources, rules, candidates, entityKeyKinds.keySet(), options);
    }

    private static boolean isNode(String node, Map<String, ColumnRule> candidates, Map<String, ColumnType.Kind> entityKeys) {
        return node.startsWith("name:") ? entityKeys.containsKey(node.substring(5)) : candidates.containsKey(node.substring(4));
    }

    private static void viewLinks(FeatureView view, Map<String, Set<String>> columnsBySource, List<String[]> links) {
        Map<String, String> keys = new TreeMap<>(view.keyColumns());
        if (view.spec().source().isPresent()) {
            String source = view.spec().source().get().value();
            keys.forEach((key, column) -> links.add(new String[] {col(source, column), name(key)}));
        } else if (view.spec().query().isPresent()) {
            QueryLinks query = QueryLinks.of(view.spec().query().get().sql(), columnsBySource);
            addEqualities(query, links);
            keys.forEach((key, column) -> query.output(column).forEach(ref -> links.add(new String[] {col(ref.source(), ref.column()), name(key)})));
        }
    }

    private static void datasetLinks(Dataset dataset, Model model, Map<String, Set<String>> columnsBySource, List<String[]> links) {
        DatasetSpec.Spine spine = dataset.spec().spine();
        QueryLinks query = spine.query().map(q -> QueryLinks.of(q.sql(), columnsBySource)).orElse(null);
        if (query != null) {
            addEqualities(query, links);
        }
        java.util.function.Function<String, List<String>> spineColumn = column -> spine.source()
                .map(s -> List.of(col(s.value(), column)))
                .orElseGet(() -> query == null ? List.of() : query.output(column).stream().map(r -> col(r.source(), r.column())).toList());
        for (DatasetSpec.SpineKey key : spine.keys()) {
            Optional<EntitySpec> entity = model.entity(key.entity().value());
            if (key.column().isPresent() && entity.isPresent() && entity.get().keys().size() == 1) {
                String entityKey = entity.get().keys().get(0).name().value();
                spineColumn.apply(key.column().get().value()).forEach(c -> links.add(new String[] {c, name(entityKey)}));
            }
            for (KeyMapping mapping : key.columns()) {
                spineColumn.apply(mapping.column().value()).forEach(c -> links.add(new String[] {c, name(mapping.key().value())}));
            }
        }
        for (DatasetSpec.Label label : dataset.spec().labels()) {
            for (KeyMapping mapping : label.keys()) {
                String labelColumn = col(label.source().value(), mapping.key().value());
                spineColumn.apply(mapping.column().value()).forEach(c -> links.add(new String[] {labelColumn, c}));
            }
        }
    }

    private static void addEqualities(QueryLinks query, List<String[]> links) {
        for (QueryLinks.ColumnRef[] pair : query.equalities()) {
            links.add(new String[] {col(pair[0].source(), pair[0].column()), col(pair[1].source(), pair[1].column())});
        }
    }

    private record Group(String root, List<String> members, List<String> entityKeys) {
    }

    private void buildDomains(Map<String, Source> sources, Map<String, Map<String, ColumnRule>> rules,
                              Map<String, ColumnRule> candidates, Set<String> entityKeys, GeneratorOptions options) {
        Map<String, Group> groups = new TreeMap<>();
        for (String candidate : candidates.keySet()) {
            String r = root("col:" + candidate);
            groups.computeIfAbsent(r, k -> new Group(k, new ArrayList<>(), new ArrayList<>())).members().add(candidate);
        }
        for (String key : entityKeys) {
            Group group = groups.get(root(name(key)));
            if (group != null) {
                group.entityKeys().add(key);
            }
        }
        // owners: single-column CDC primary keys, and single-column dedup/unique keys of streams and batches
        for (Source source : sources.values()) {
            if (!bound.contains(source.name())) {
                continue;
            }
            List<String> pk = source.spec().primaryKey().stream().map(Located::value).toList();
            if (source.spec().type().value() == SourceType.CDC && pk.size() == 1 && candidates.containsKey(source.name() + "." + pk.get(0))) {
                cdcOwners.add(source.name() + "." + pk.get(0));
            }
        }
        for (Source source : sources.values()) {
            if (!bound.contains(source.name()) || source.spec().type().value() == SourceType.CDC) {
                continue;
            }
            List<List<String>> uniqueKeys = new ArrayList<>();
            source.spec().dedup().ifPresent(d -> uniqueKeys.add(d.key().stream().map(Located::value).toList()));
            source.spec().quality().stream().filter(q -> q instanceof QualityCheck.Unique)
                    .forEach(q -> uniqueKeys.add(((QualityCheck.Unique) q).columns().stream().map(Located::value).toList()));
            for (List<String> key : uniqueKeys) {
                String member = source.name() + "." + (key.size() == 1 ? key.get(0) : "");
                if (key.size() == 1 && candidates.containsKey(member) && rules.get(source.name()).get(key.get(0)).accepted().isEmpty()) {
                    freshOwners.add(member);
                }
            }
        }
        // sizes: CDC logs of facts first (their row counts feed the dimensions they refer to)
        long events = options.streamEvents();
        int factRows = (int) Math.max(10, events / 4);
        Map<String, Long> rows = new TreeMap<>();
        for (Source source : sources.values()) {
            rows.put(source.name(), source.spec().type().value() == SourceType.CDC ? factRows : events);
        }
        record Sized(Group group, String name, ColumnType.Kind kind, List<String> accepted, int size, boolean fresh) {
        }
        List<Sized> sized = new ArrayList<>();
        for (Group group : groups.values()) {
            List<String> members = group.members();
            String domainName = group.entityKeys().isEmpty()
                    ? members.stream().filter(m -> !candidates.get(m).accepted().isEmpty()).findFirst()
                            .or(() -> members.stream().min(Comparator.comparing(m -> m.substring(m.indexOf('.') + 1))))
                            .map(m -> m.substring(m.indexOf('.') + 1)).orElseThrow()
                    : group.entityKeys().get(0);
            ColumnType.Kind kind = kinds.getOrDefault(group.root(), ColumnType.Kind.INTEGER);
            List<String> accepted = members.stream().map(candidates::get).map(ColumnRule::accepted)
                    .filter(a -> !a.isEmpty()).findFirst()
                    .or(() -> kind == ColumnType.Kind.STRING
                            ? members.stream().map(m -> Words.vocabulary(m.substring(m.indexOf('.') + 1))).flatMap(Optional::stream).findFirst()
                            : Optional.empty())
                    .orElse(List.of());
            List<String> owners = members.stream().filter(cdcOwners::contains).toList();
            if (!accepted.isEmpty() || !owners.isEmpty()) {
                members.forEach(freshOwners::remove);
            }
            if (!accepted.isEmpty()) {
                members.forEach(cdcOwners::remove);
            }
            List<String> fresh = members.stream().filter(freshOwners::contains).toList();
            Set<String> ownerSources = new TreeSet<>();
            owners.forEach(m -> ownerSources.add(m.substring(0, m.indexOf('.'))));
            fresh.forEach(m -> ownerSources.add(m.substring(0, m.indexOf('.'))));
            long refs = members.stream().map(m -> m.substring(0, m.indexOf('.'))).distinct()
                    .filter(s -> bound.contains(s) && !ownerSources.contains(s)).mapToLong(rows::get).sum();
            int perKey = kind == ColumnType.Kind.INTEGER ? 20 : 100;
            int minimum = kind == ColumnType.Kind.INTEGER ? 10 : 8;
            long size;
            if (!accepted.isEmpty()) {
                size = accepted.size();
            } else if (!owners.isEmpty()) {
                size = refs > 0 ? Math.max(minimum, refs / perKey) : factRows;
            } else if (!fresh.isEmpty()) {
                size = fresh.stream().mapToLong(m -> rows.get(m.substring(0, m.indexOf('.')))).sum();
            } else {
                size = Math.max(minimum, refs / perKey);
            }
            sized.add(new Sized(group, domainName, kind, accepted, (int) Math.min(size, 50_000_000), !fresh.isEmpty()));
        }
        sized.sort(Comparator.comparing(Sized::name).thenComparing(s -> s.group().members().get(0)));
        long largest = sized.stream().mapToLong(Sized::size).max().orElse(1);
        long stride = 1_000_000;
        while (stride < largest * 10) {
            stride *= 10;
        }
        int ordinal = 0;
        for (Sized s : sized) {
            long base = 1;
            if (s.kind() == ColumnType.Kind.INTEGER && s.accepted().isEmpty()) {
                long max = s.group().members().stream().mapToLong(m -> candidates.get(m).type().maxInteger()).min().orElse(Long.MAX_VALUE);
                ordinal++;
                base = ordinal * stride + 1 <= max - stride ? ordinal * stride + 1 : 1;
            }
            String stem = s.name().equals("id") ? s.group().members().get(0).substring(0, s.group().members().get(0).indexOf('.'))
                    : s.name().replaceAll("_id$", "").replace('_', '-');
            KeyDomain domain = new KeyDomain(s.name(), s.kind() == ColumnType.Kind.STRING ? KeyDomain.Kind.STRING : KeyDomain.Kind.INTEGER,
                    s.group().members(), s.accepted(), s.size(), base, stem, s.fresh(), options.seed());
            all.add(domain);
            s.group().members().forEach(m -> byColumn.put(m, domain));
            s.group().members().stream().filter(cdcOwners::contains)
                    .forEach(m -> cdcRows.put(m.substring(0, m.indexOf('.')), domain.size()));
        }
        for (Source source : sources.values()) {
            if (source.spec().type().value() == SourceType.CDC && !source.spec().primaryKey().isEmpty()) {
                // a composite key's first column covers its domain: at least one row per value
                int covered = Optional.ofNullable(byColumn.get(source.name() + "." + source.spec().primaryKey().get(0).value()))
                        .map(KeyDomain::size).orElse(0);
                cdcRows.putIfAbsent(source.name(), Math.max(factRows, covered));
            }
        }
    }
}
